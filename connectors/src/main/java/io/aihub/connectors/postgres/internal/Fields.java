package io.aihub.connectors.postgres.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.Struct;
import org.jspecify.annotations.Nullable;

/** Typed, validated reads of a Connect {@link Struct}'s fields; anything unexpected is a {@link BadRecordException}. */
final class Fields {

    /** The ids' pattern, as the stream validates them. */
    static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$");

    private Fields() {}

    static String id(Struct struct, String field) throws BadRecordException {
        String value = text(struct, field);
        if (!ID.matcher(value).matches()) {
            throw new BadRecordException(field + " '" + value + "' does not match " + ID.pattern());
        }
        return value;
    }

    static String text(Struct struct, String field) throws BadRecordException {
        if (get(struct, field) instanceof String value) {
            return value;
        }
        throw missing(struct, field, "a string");
    }

    static @Nullable String optionalText(Struct struct, String field) throws BadRecordException {
        Object value = get(struct, field);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw missing(struct, field, "a string or null");
    }

    static OffsetDateTime time(Struct struct, String field) throws BadRecordException {
        long millis = switch (get(struct, field)) {
            case Date date -> date.getTime();
            case Long epochMillis -> epochMillis;
            case null, default -> throw missing(struct, field, "a timestamp");
        };
        if (millis < 0) {
            throw new BadRecordException(field + " " + millis + " is before 1970");
        }
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    static double finite(Struct struct, String field) throws BadRecordException {
        Double value = optionalFinite(struct, field);
        if (value == null) {
            throw missing(struct, field, "a number");
        }
        return value;
    }

    static @Nullable Double optionalFinite(Struct struct, String field) throws BadRecordException {
        return switch (get(struct, field)) {
            case null -> null;
            case Number number -> finite(field, number.doubleValue());
            default -> throw missing(struct, field, "a number or null");
        };
    }

    static double finite(String field, double value) throws BadRecordException {
        if (!Double.isFinite(value)) {
            throw new BadRecordException(field + " is not finite: " + value);
        }
        return value;
    }

    static long whole(Struct struct, String field) throws BadRecordException {
        if (get(struct, field) instanceof Number number && (number instanceof Integer || number instanceof Long)) {
            return number.longValue();
        }
        throw missing(struct, field, "an integer");
    }

    static boolean flag(Struct struct, String field) throws BadRecordException {
        if (get(struct, field) instanceof Boolean value) {
            return value;
        }
        throw missing(struct, field, "a boolean");
    }

    static @Nullable Struct optionalStruct(Struct struct, String field) throws BadRecordException {
        Object value = get(struct, field);
        if (value == null || value instanceof Struct) {
            return (Struct) value;
        }
        throw missing(struct, field, "a record or null");
    }

    static List<?> list(Struct struct, String field) throws BadRecordException {
        if (get(struct, field) instanceof List<?> value) {
            return value;
        }
        throw missing(struct, field, "an array");
    }

    static @Nullable Map<?, ?> optionalMap(Struct struct, String field) throws BadRecordException {
        Object value = get(struct, field);
        if (value == null || value instanceof Map<?, ?>) {
            return (Map<?, ?>) value;
        }
        throw missing(struct, field, "a map or null");
    }

    private static @Nullable Object get(Struct struct, String field) throws BadRecordException {
        if (struct.schema().field(field) == null) {
            throw new BadRecordException("field " + field + " is missing from value schema "
                    + struct.schema().name());
        }
        return struct.get(field);
    }

    private static BadRecordException missing(Struct struct, String field, String expected) {
        return new BadRecordException("field " + field + " of "
                + struct.schema().name() + " must be " + expected + ", was " + describe(struct.get(field)));
    }

    private static String describe(@Nullable Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
