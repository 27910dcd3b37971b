package io.aihub.bench.nab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Small series and corpora for the NAB tests, and where the real NAB data lives. */
final class NabFixtures {

    static final Instant START = Instant.parse("2014-04-01T00:00:00Z");
    static final long FIVE_MINUTES = 300_000;

    private NabFixtures() {}

    /** {@code rows} rows five minutes apart from 2014-04-01 00:00, values 0..rows-1, windows as [first, last] rows. */
    static NabSeries series(String category, String file, int rows, int[]... windowRows) {
        long[] timestamps = new long[rows];
        double[] values = new double[rows];
        for (int i = 0; i < rows; i++) {
            timestamps[i] = START.toEpochMilli() + i * FIVE_MINUTES;
            values[i] = i;
        }
        List<NabWindow> windows = new ArrayList<>();
        for (int[] w : windowRows) {
            windows.add(new NabWindow(timestamps[w[0]], timestamps[w[1]]));
        }
        return new NabSeries(category, file, timestamps, values, windows, List.of());
    }

    /** Scores of 0 except at the given rows. */
    static double[] scores(int rows, Map<Integer, Double> at) {
        double[] scores = new double[rows];
        at.forEach((row, score) -> scores[row] = score);
        return scores;
    }

    static Map<String, double[]> only(NabSeries series, double[] scores) {
        Map<String, double[]> map = new HashMap<>();
        map.put(series.relativePath(), scores);
        return map;
    }

    /**
     * The 13-series NAB subset shared with the project ({@code shared/data/nab-dev}): the system property
     * {@code aihub.nab.dev}, else {@code ../../shared/data/nab-dev} from the module directory (the repository's
     * sibling {@code shared/}, as on the developers' machines and in CI).
     */
    static Path nabDev() {
        String property = System.getProperty("aihub.nab.dev");
        return property != null ? Path.of(property) : Path.of("../../shared/data/nab-dev");
    }

    static boolean nabDevPresent() {
        return Files.isRegularFile(nabDev().resolve("combined_windows.json"));
    }

    static NabCorpus loadNabDev() {
        Path dir = nabDev();
        return NabCorpus.load(
                dir.resolve("data"), dir.resolve("combined_windows.json"), dir.resolve("combined_labels.json"));
    }
}
