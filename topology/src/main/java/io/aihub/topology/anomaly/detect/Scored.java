package io.aihub.topology.anomaly.detect;

import io.aihub.schemas.AnomalySeverity;
import io.aihub.topology.anomaly.Severity;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A reading's score against what its detector had learned from earlier readings:
 *
 * <ul>
 *   <li>{@code score}: robust standard deviations from expected, {@code >= 0} and at most {@link #MAX_SCORE}; 0 while warming
 *     up;
 *   <li>{@code anomaly}: {@code score >= sensitivity} (never while warming up);
 *   <li>{@code expected}: where the reading was expected, in the series' units; null while warming up and for methods with no
 *     expectation in those units (isolation forest, local outlier factor);
 *   <li>{@code explanation}: why, in one sentence, e.g. {@code "Value deviates 4.50 std devs from expected ..."};
 *   <li>{@code warmingUp}: the detector had too little history to score; the explanation says how much more it
 *       needs.
 * </ul>
 *
 * Equal when all five are equal.
 */
public final class Scored {

    /** Scores are capped here: a departure from a constant series is divided by a tiny spread floor. */
    public static final double MAX_SCORE = 1e6;

    private final double score;
    private final boolean anomaly;
    private final @Nullable ExpectedRange expected;
    private @Nullable Supplier<String> why;
    private @Nullable String explanation;
    private final boolean warmingUp;

    public Scored(
            double score, boolean anomaly, @Nullable ExpectedRange expected, String explanation, boolean warmingUp) {
        this(score, anomaly, expected, null, explanation, warmingUp);
    }

    private Scored(
            double score,
            boolean anomaly,
            @Nullable ExpectedRange expected,
            @Nullable Supplier<String> why,
            @Nullable String explanation,
            boolean warmingUp) {
        if (!(score >= 0 && score <= MAX_SCORE)) {
            throw new IllegalArgumentException("score must be in [0, " + MAX_SCORE + "], was " + score);
        }
        this.score = score;
        this.anomaly = anomaly;
        this.expected = expected;
        this.why = why;
        this.explanation = explanation;
        this.warmingUp = warmingUp;
    }

    public double score() {
        return score;
    }

    public boolean anomaly() {
        return anomaly;
    }

    public @Nullable ExpectedRange expected() {
        return expected;
    }

    /**
     * Why, in one sentence. Written on first use only: most readings are never explained to anyone, and formatting
     * numbers costs more than scoring them. Detectors capture the values it needs when they score.
     */
    public String explanation() {
        String text = explanation;
        if (text == null) {
            text = Objects.requireNonNull(why).get();
            explanation = text;
            why = null;
        }
        return text;
    }

    public boolean warmingUp() {
        return warmingUp;
    }

    /** The documented band of the score ({@link Severity#of}). */
    public AnomalySeverity severity() {
        return Severity.of(score);
    }

    /** A score, capped and compared with the sensitivity. */
    static Scored of(double score, double sensitivity, @Nullable ExpectedRange expected, String explanation) {
        return of(score, sensitivity, expected, () -> explanation);
    }

    /** A score, capped and compared with the sensitivity, explained by {@code why} when asked. */
    static Scored of(double score, double sensitivity, @Nullable ExpectedRange expected, Supplier<String> why) {
        double capped = Double.isNaN(score) ? MAX_SCORE : Math.min(MAX_SCORE, Math.max(0, score));
        return new Scored(capped, capped >= sensitivity, expected, why, null, false);
    }

    /** A reading that came before the detector had {@code needed} readings ({@code have} so far). */
    static Scored warmingUp(long have, long needed, String what) {
        return new Scored(
                0,
                false,
                null,
                () -> String.format(
                        Locale.ROOT, "Warming up: %d of the %d %s needed before scoring", have, needed, what),
                null,
                true);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Scored that
                && Double.compare(score, that.score) == 0
                && anomaly == that.anomaly
                && Objects.equals(expected, that.expected)
                && explanation().equals(that.explanation())
                && warmingUp == that.warmingUp;
    }

    @Override
    public int hashCode() {
        return Objects.hash(score, anomaly, expected, explanation(), warmingUp);
    }

    @Override
    public String toString() {
        return "Scored[score=" + score + ", anomaly=" + anomaly + ", expected=" + expected + ", explanation="
                + explanation() + ", warmingUp=" + warmingUp + "]";
    }
}
