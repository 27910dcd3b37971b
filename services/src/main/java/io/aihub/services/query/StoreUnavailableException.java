package io.aihub.services.query;

import org.jspecify.annotations.Nullable;

/** The store that owns a key is not queryable right now (start-up, rebalance, restore); answered 503 + Retry-After. */
public final class StoreUnavailableException extends RuntimeException {

    private final long retryAfterSeconds;
    private final String title;

    public StoreUnavailableException(String message, long retryAfterSeconds) {
        this("State store not available", message, retryAfterSeconds, null);
    }

    public StoreUnavailableException(String message, long retryAfterSeconds, Throwable cause) {
        this("State store not available", message, retryAfterSeconds, cause);
    }

    /** A dependency other than a state store (e.g. the broker) is unavailable. */
    public StoreUnavailableException(String title, String message, long retryAfterSeconds, @Nullable Throwable cause) {
        super(message, cause);
        this.title = title;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String title() {
        return title;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
