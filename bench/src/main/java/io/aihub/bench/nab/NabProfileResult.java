package io.aihub.bench.nab;

import java.util.List;

/**
 * A detector's NAB result for one profile: the threshold (NAB's optimizer's, unless one was given), the raw score (the
 * sum of the per-file scores at that threshold, NAB's {@code Totals} row), the baselines, and the normalised score
 * {@code 100 * (raw - null) / (perfect - null)} as NAB's {@code Runner.normalize} computes it.
 */
public record NabProfileResult(
        NabProfile profile,
        double threshold,
        double rawScore,
        double nullScore,
        double perfectScore,
        double normalizedScore,
        NabCounts counts,
        List<NabFileScore> files) {

    public NabProfileResult {
        files = List.copyOf(files);
    }
}
