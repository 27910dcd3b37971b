package io.aihub.connectors.postgres.internal;

import java.util.Collection;
import java.util.Map;

/** The few JSON shapes the sink stores in {@code jsonb} columns: string to number-or-null maps and string arrays. */
final class Json {

    private Json() {}

    /** A JSON object of the map's entries in its iteration order; values must be finite numbers or null. */
    static String numberMap(String field, Map<?, ?> map) throws BadRecordException {
        var json = new StringBuilder(map.size() * 24 + 2).append('{');
        boolean first = true;
        for (var entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String name)) {
                throw new BadRecordException(field + " has a key that is not a string");
            }
            if (!first) {
                json.append(',');
            }
            first = false;
            string(json, name).append(':');
            switch (entry.getValue()) {
                case null -> json.append("null");
                case Number number -> json.append(Fields.finite(field + "." + name, number.doubleValue()));
                default -> throw new BadRecordException(field + "." + name + " is not a number");
            }
        }
        return json.append('}').toString();
    }

    /** A JSON array of the strings. */
    static String stringArray(String field, Collection<?> values) throws BadRecordException {
        var json = new StringBuilder().append('[');
        boolean first = true;
        for (Object value : values) {
            if (!(value instanceof String text)) {
                throw new BadRecordException(field + " holds an element that is not a string");
            }
            if (!first) {
                json.append(',');
            }
            first = false;
            string(json, text);
        }
        return json.append(']').toString();
    }

    private static StringBuilder string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
