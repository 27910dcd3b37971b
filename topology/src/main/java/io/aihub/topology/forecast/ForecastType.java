package io.aihub.topology.forecast;

import java.time.Instant;
import java.util.Locale;

/**
 * What is forecast. The forecasters treat every type alike, except that a {@link #GENERATION} forecast is never
 * negative (each quantile is clipped at 0); load (net load can be negative) and price are not clipped.
 */
public enum ForecastType {
    /** Consumption, e.g. kW of a meter. */
    LOAD,
    /** Production, e.g. kW of a PV plant: clipped at 0. */
    GENERATION,
    /** Energy price. */
    PRICE;

    /** The id used in requests: {@code load}, {@code generation}, {@code price}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type with this id. */
    public static ForecastType of(String id) {
        for (ForecastType type : values()) {
            if (type.id().equals(id)) {
                return type;
            }
        }
        throw new ForecastValidationException("forecast_type", "must be load, generation or price, was '" + id + "'");
    }

    /**
     * A forecast point of this type: each value bounded ({@code max(0, v)} for generation), then p10 and p90 moved to
     * the median if they crossed it (separately estimated bounds can).
     */
    ForecastPoint point(Instant targetTime, double p10, double p50, double p90) {
        double median = bound(p50);
        return new ForecastPoint(targetTime, Math.min(bound(p10), median), median, Math.max(bound(p90), median));
    }

    private double bound(double value) {
        return this == GENERATION ? Math.max(0, value) : value;
    }
}
