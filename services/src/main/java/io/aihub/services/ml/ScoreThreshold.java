package io.aihub.services.ml;

import java.util.Arrays;

/**
 * The anomaly threshold of a trained forest: the {@code 1 - contamination} quantile of its training rows' scores, by
 * nearest rank (the {@code ceil((1 - contamination) * n)}-th smallest score). A reading is an anomaly when its score
 * is strictly above it, so at most {@code contamination * n} training rows would be.
 */
final class ScoreThreshold {

    private ScoreThreshold() {}

    /**
     * @param scores the training rows' scores (not modified; at least one)
     * @param contamination the expected anomaly rate, in (0, 0.5]
     */
    static double of(double[] scores, double contamination) {
        if (scores.length == 0) {
            throw new IllegalArgumentException("no training scores");
        }
        if (!(contamination > 0 && contamination <= 0.5)) {
            throw new IllegalArgumentException("contamination must be in (0, 0.5], was " + contamination);
        }
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil((1 - contamination) * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }
}
