package io.aihub.topology.anomaly.detect;

/**
 * Where a reading was expected, in the series' units: a reading inside {@code [min, max]} is not an anomaly at the
 * sensitivity it was scored with.
 *
 * @param min the lowest reading that is not an anomaly
 * @param max the highest reading that is not an anomaly
 * @param mean the expected reading
 * @param std the spread that scores are measured in (one unit of score is this much)
 */
public record ExpectedRange(double min, double max, double mean, double std) {

    /** {@code mean ± sensitivity * std}. */
    public static ExpectedRange around(double mean, double std, double sensitivity) {
        return new ExpectedRange(mean - sensitivity * std, mean + sensitivity * std, mean, std);
    }
}
