package io.aihub.services.api;

import io.aihub.topology.features.SeriesKey;
import org.jspecify.annotations.Nullable;

/** Checks the ids the API accepts for tenants, assets and metrics: {@code [A-Za-z0-9][A-Za-z0-9._-]{0,127}}. */
public final class Ids {

    private Ids() {}

    /** Adds a violation for {@code field} if {@code value} is missing, blank or not a valid id; returns whether it is valid. */
    public static boolean check(@Nullable String value, String field, Violations violations) {
        if (value == null || value.isBlank()) {
            violations.add(field, "is required");
            return false;
        }
        if (!SeriesKey.isValidId(value)) {
            violations.add(field, "must match [A-Za-z0-9][A-Za-z0-9._-]{0,127}, got '" + value + "'");
            return false;
        }
        return true;
    }
}
