package io.aihub.services.api;

import java.util.List;
import org.springframework.http.HttpStatus;

/** The caller's request is invalid; answered as RFC 9457 problem JSON naming every field at fault. */
public final class RequestRejectedException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final List<FieldViolation> violations;

    public RequestRejectedException(HttpStatus status, String title, List<FieldViolation> violations) {
        super(title + ": " + violations);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a rejected request names at least one field");
        }
        this.status = status;
        this.title = title;
        this.violations = List.copyOf(violations);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
