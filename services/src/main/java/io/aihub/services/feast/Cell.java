package io.aihub.services.feast;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One value of the response: the value, Feast's field status and the event timestamp. */
record Cell(@Nullable Object value, String status, Instant eventTimestamp) {

    static final String PRESENT = "PRESENT";
    static final String NULL_VALUE = "NULL_VALUE";
    static final String NOT_FOUND = "NOT_FOUND";
    static final String OUTSIDE_MAX_AGE = "OUTSIDE_MAX_AGE";

    static Cell notFound() {
        return new Cell(null, NOT_FOUND, Instant.EPOCH);
    }
}
