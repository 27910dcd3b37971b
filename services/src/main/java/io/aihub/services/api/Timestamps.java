package io.aihub.services.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** Reads the timestamps the API accepts: ISO-8601 with a zone (Z or an offset), or epoch milliseconds. */
public final class Timestamps {

    private Timestamps() {}

    /** The instant, or null after adding a violation for {@code field}; {@code raw} must not be null. */
    public static @Nullable Instant parse(Object raw, String field, Violations violations) {
        if (raw instanceof Number number) {
            if (number instanceof Double || number instanceof Float) {
                violations.add(field, "epoch timestamps are whole milliseconds, got " + number);
                return null;
            }
            long millis = number.longValue();
            if (millis < 0) {
                violations.add(field, "must not be before 1970-01-01T00:00:00Z");
                return null;
            }
            return Instant.ofEpochMilli(millis);
        }
        if (raw instanceof String text) {
            try {
                Instant parsed = OffsetDateTime.parse(text).toInstant();
                if (parsed.isBefore(Instant.EPOCH)) {
                    violations.add(field, "must not be before 1970-01-01T00:00:00Z");
                    return null;
                }
                return parsed;
            } catch (DateTimeException e) {
                violations.add(
                        field,
                        "must be ISO-8601 with a zone, e.g. 2025-10-09T14:00:00Z, or epoch milliseconds; got '" + text
                                + "'");
                return null;
            }
        }
        violations.add(field, "must be an ISO-8601 string or epoch milliseconds");
        return null;
    }
}
