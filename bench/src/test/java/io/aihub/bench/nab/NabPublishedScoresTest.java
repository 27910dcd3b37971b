package io.aihub.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reproduces numbers NAB itself published: the per-file rows for {@code realKnownCause/rogue_agent_key_hold.csv} in
 * NAB's {@code results/randomCutForest/randomCutForest_<profile>_scores.csv}, at the thresholds NAB's optimizer chose
 * for RCF over the whole 58-file corpus. The anomaly scores are those of NAB's
 * {@code results/randomCutForest/realKnownCause/randomCutForest_rogue_agent_key_hold.csv} at every row scoring 0.44 or
 * more; the rest of the file (all below the lowest threshold) is set to 0, which changes neither detections nor
 * scores. This checks, on a real file with gaps in its timestamps, the probation period, both windows' widths, the TP
 * position, FP distances (one just under 3 window widths) and the profiles' weights. The data file is the repository's
 * unmodified copy in {@code data/nab} (NAB, MIT licence).
 */
class NabPublishedScoresTest {

    private static final Path DATA_FILE = Path.of("../data/nab/realKnownCause/rogue_agent_key_hold.csv");
    private static final String WINDOWS = """
            {"realKnownCause/rogue_agent_key_hold.csv": [
              ["2014-07-15 04:35:00.000000", "2014-07-15 13:25:00.000000"],
              ["2014-07-17 05:50:00.000000", "2014-07-18 06:45:00.000000"]]}
            """;
    private static final Map<String, Double> NAB_RCF_SCORES = Map.of(
            "2014-07-11 17:15:00", 0.666562279705,
            "2014-07-17 16:30:00", 0.463793495451,
            "2014-07-22 12:40:00", 0.578385272613,
            "2014-07-23 11:50:00", 0.75603324837,
            "2014-07-23 13:55:00", 0.519449763672,
            "2014-07-23 14:45:00", 0.606839360069,
            "2014-07-24 13:30:00", 0.572145714691,
            "2014-07-25 06:40:00", 0.448002183408);

    @TempDir
    Path dir;

    @Test
    void shouldReproduceNabsPublishedFileScoresForRandomCutForest() throws IOException {
        Files.createDirectories(dir.resolve("data/realKnownCause"));
        Files.copy(DATA_FILE, dir.resolve("data/realKnownCause/rogue_agent_key_hold.csv"));
        Files.writeString(dir.resolve("windows.json"), WINDOWS);
        NabCorpus corpus = NabCorpus.load(dir.resolve("data"), dir.resolve("windows.json"));
        NabSeries series = corpus.series().getFirst();
        double[] scores = new double[series.size()];
        NAB_RCF_SCORES.forEach((timestamp, score) -> {
            long millis = NabTimestamps.parse(timestamp);
            int row = Arrays.binarySearch(series.timestampMillis(), millis);
            assertThat(row).as(timestamp).isNotNegative();
            scores[row] = score;
        });
        NabScorer scorer = new NabScorer(corpus);
        Map<String, double[]> detector = Map.of(series.relativePath(), scores);

        NabFileScore standard = scorer.scoreAt(detector, NabProfile.STANDARD, 0.453918457031)
                .files()
                .getFirst();
        NabFileScore lowFn = scorer.scoreAt(detector, NabProfile.REWARD_LOW_FN, 0.448048400879)
                .files()
                .getFirst();
        NabFileScore lowFp = scorer.scoreAt(detector, NabProfile.REWARD_LOW_FP, 0.575195503235)
                .files()
                .getFirst();

        // NAB:
        // randomCutForest,<profile>,realKnownCause/rogue_agent_key_hold.csv,<threshold>,Score,TP,TN,FP,FN,Total_Count
        assertThat(List.of(standard.counts(), lowFn.counts(), lowFp.counts()))
                .containsExactly(
                        new NabCounts(1, 1404, 6, 189), new NabCounts(1, 1404, 6, 189), new NabCounts(0, 1406, 4, 190));
        assertThat(standard.rows()).isEqualTo(1882);
        assertThat(standard.score()).isCloseTo(-1.52739941276, within(1e-10));
        assertThat(lowFn.score()).isCloseTo(-2.52739941276, within(1e-10));
        assertThat(lowFp.score()).isCloseTo(-2.87999836028, within(1e-10));
    }
}
