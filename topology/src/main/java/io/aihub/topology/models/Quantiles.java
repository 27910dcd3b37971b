package io.aihub.topology.models;

import java.util.Arrays;

/**
 * A forecast as three quantiles, always ordered {@code p10 <= p50 <= p90}.
 *
 * @param p10 the 10th percentile
 * @param p50 the median
 * @param p90 the 90th percentile
 */
public record Quantiles(double p10, double p50, double p90) {

    public Quantiles {
        if (!(p10 <= p50 && p50 <= p90)) {
            throw new IllegalArgumentException(
                    "quantiles must be ordered p10 <= p50 <= p90, were " + p10 + ", " + p50 + ", " + p90);
        }
    }

    /** The three values put in order: the quantile models are fitted separately and may cross. */
    public static Quantiles sorted(double a, double b, double c) {
        double[] v = {a, b, c};
        Arrays.sort(v);
        return new Quantiles(v[0], v[1], v[2]);
    }
}
