package io.aihub.topology.anomaly.detect.internal;

import io.aihub.topology.models.RobustSummary;

/** Spreads expressed in standard deviations of a normal distribution, with the project's fall-backs for zero. */
public final class Spread {

    /** The relative floor of a spread: departures from a constant are very large but finite. */
    public static final double FLOOR = 1e-9;

    private Spread() {}

    /**
     * {@code 1.4826 * mad} if positive, else {@code 1.2533 * meanAbsDeviation} if positive, else {@code 1e-9 * max(1,
     * |center|)}: the same rule as {@link RobustSummary#scale()}. NaN if {@code center} is NaN.
     */
    public static double robust(double center, double mad, double meanAbsDeviation) {
        if (Double.isNaN(center)) {
            return Double.NaN;
        }
        if (mad > 0) {
            return RobustSummary.MAD_TO_SIGMA * mad;
        }
        if (meanAbsDeviation > 0) {
            return RobustSummary.MEAN_AD_TO_SIGMA * meanAbsDeviation;
        }
        return floor(center);
    }

    /** A standard deviation, or the floor {@code 1e-9 * max(1, |center|)} when it is 0 (or NaN). */
    public static double orFloor(double std, double center) {
        return std > 0 ? std : floor(center);
    }

    private static double floor(double center) {
        return FLOOR * Math.max(1, Math.abs(center));
    }
}
