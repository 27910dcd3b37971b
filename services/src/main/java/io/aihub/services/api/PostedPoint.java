package io.aihub.services.api;

import org.jspecify.annotations.Nullable;

/** One posted point: {@code timestamp} ISO-8601 with a zone or epoch milliseconds, {@code value} finite. */
public record PostedPoint(
        @Nullable Object timestamp, @Nullable Double value) {}
