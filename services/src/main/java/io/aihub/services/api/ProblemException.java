package io.aihub.services.api;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A refusal that is not about one field's format: a conflict, a refused stage transition, a failed upload. Answered
 * as RFC 9457 problem JSON with the given status, title and detail (and {@code field} when one is to blame).
 */
public final class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final @Nullable String field;

    public ProblemException(HttpStatus status, String title, String detail, @Nullable String field) {
        this(status, title, detail, field, null);
    }

    public ProblemException(
            HttpStatus status, String title, String detail, @Nullable String field, @Nullable Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.title = title;
        this.field = field;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public @Nullable String field() {
        return field;
    }
}
