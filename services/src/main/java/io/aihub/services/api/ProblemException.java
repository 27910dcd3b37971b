package io.aihub.services.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A refusal that is not about one field's format: a conflict, a refused stage transition, a failed upload. Answered
 * as RFC 9457 problem JSON with the given status, title and detail (and {@code field} when one is to blame), plus
 * any extension members given (e.g. the counts that fell short).
 */
public final class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final @Nullable String field;
    private final Map<String, Object> properties;

    public ProblemException(HttpStatus status, String title, String detail, @Nullable String field) {
        this(status, title, detail, field, null);
    }

    public ProblemException(
            HttpStatus status, String title, String detail, @Nullable String field, @Nullable Throwable cause) {
        this(status, title, detail, field, Map.of(), cause);
    }

    /** With extension members, answered next to the standard ones (in the map's iteration order). */
    public ProblemException(
            HttpStatus status,
            String title,
            String detail,
            @Nullable String field,
            Map<String, Object> properties,
            @Nullable Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.title = title;
        this.field = field;
        this.properties = properties;
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

    public Map<String, Object> properties() {
        return properties;
    }
}
