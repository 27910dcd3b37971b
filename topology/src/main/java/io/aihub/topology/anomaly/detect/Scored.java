package io.aihub.topology.anomaly.detect;

import io.aihub.schemas.AnomalySeverity;
import io.aihub.topology.anomaly.Severity;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A reading's score against what its detector had learned from earlier readings.
 *
 * @param score robust standard deviations from expected, {@code >= 0} and at most {@link #MAX_SCORE}; 0 while warming
 *     up
 * @param anomaly {@code score >= sensitivity} (never while warming up)
 * @param expected where the reading was expected, in the series' units; null while warming up and for methods with no
 *     expectation in those units (isolation forest, local outlier factor)
 * @param explanation why, in one sentence, e.g. {@code "Value deviates 4.50 std devs from expected ..."}
 * @param warmingUp the detector had too little history to score; the explanation says how much more it needs
 */
public record Scored(
        double score, boolean anomaly, @Nullable ExpectedRange expected, String explanation, boolean warmingUp) {

    /** Scores are capped here: a departure from a constant series is divided by a tiny spread floor. */
    public static final double MAX_SCORE = 1e6;

    public Scored {
        if (!(score >= 0 && score <= MAX_SCORE)) {
            throw new IllegalArgumentException("score must be in [0, " + MAX_SCORE + "], was " + score);
        }
    }

    /** The documented band of the score ({@link Severity#of}). */
    public AnomalySeverity severity() {
        return Severity.of(score);
    }

    /** A score, capped and compared with the sensitivity. */
    static Scored of(double score, double sensitivity, @Nullable ExpectedRange expected, String explanation) {
        double capped = Double.isNaN(score) ? MAX_SCORE : Math.min(MAX_SCORE, Math.max(0, score));
        return new Scored(capped, capped >= sensitivity, expected, explanation, false);
    }

    /** A reading that came before the detector had {@code needed} readings ({@code have} so far). */
    static Scored warmingUp(long have, long needed, String what) {
        return new Scored(
                0,
                false,
                null,
                String.format(Locale.ROOT, "Warming up: %d of the %d %s needed before scoring", have, needed, what),
                true);
    }
}
