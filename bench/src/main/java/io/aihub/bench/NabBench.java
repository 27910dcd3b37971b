package io.aihub.bench;

import io.aihub.bench.internal.Console;
import io.aihub.bench.internal.Flags;
import io.aihub.bench.internal.Harness;
import io.aihub.bench.nab.NabCorpus;
import io.aihub.bench.nab.NabResult;
import io.aihub.bench.nab.NabResults;
import io.aihub.bench.nab.NabScorer;
import io.aihub.bench.nab.RcfDetector;
import io.aihub.bench.nab.TopologyNabRun;
import io.aihub.topology.anomaly.detect.DetectionMethod;
import io.aihub.topology.anomaly.detect.Sensitivity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./aihub bench nab}: the product's in-stream detection path ({@link TopologyNabRun}: the real topology in a
 * {@code TopologyTestDriver}) over every series of a NAB corpus, one run per detection method, and Amazon's Random
 * Cut Forest (library defaults) as the peer. Writes NAB result files under {@code --out} and prints one JSON line per
 * detector with its normalised {@code standard}, {@code reward_low_fp} and {@code reward_low_fn} scores
 * (bench/README-nab.md).
 */
public final class NabBench {

    private NabBench() {}

    public static void main(String[] args) {
        Harness.main("nab", args, NabBench::run);
    }

    private static int run(Flags flags) {
        String data = flags.string(
                "data",
                "../shared/data/nab-dev",
                "NAB corpus: a directory holding data/ and combined_windows.json, or the data directory itself "
                        + "(<category>/<file>.csv, the JSON files then in its parent)");
        String windows = flags.optional("windows", "combined_windows.json (default: found as --data says)");
        String labels = flags.optional("labels", "combined_labels.json (optional; default: found as --data says)");
        String out = flags.string("out", "bench/target/nab-results", "where NAB result files are written");
        String methods = flags.string(
                "detectors",
                "seasonal_likelihood,prophet_decomposition,z_score,iqr",
                "comma-separated detection methods run in-stream (also: isolation_forest, local_outlier_factor)");
        String rcf = flags.string("rcf", "true", "also score Random Cut Forest (library defaults) as the peer");
        if (flags.helpRequested()) {
            System.err.print(flags.usage());
            return 0;
        }
        flags.rejectUnknown();
        Path dataDir = Path.of(data);
        Path base = dataDir.toAbsolutePath().getParent();
        if (Files.isDirectory(dataDir.resolve("data")) && Files.exists(dataDir.resolve("combined_windows.json"))) {
            base = dataDir;
            dataDir = dataDir.resolve("data");
        }
        Path windowsFile = !windows.isEmpty() ? Path.of(windows) : base.resolve("combined_windows.json");
        Path labelsFile = !labels.isEmpty() ? Path.of(labels) : base.resolve("combined_labels.json");
        if (!Files.isDirectory(dataDir)) {
            throw new Flags.UsageException("--data " + dataDir + " is not a directory");
        }
        NabCorpus corpus = NabCorpus.load(dataDir, windowsFile, Files.exists(labelsFile) ? labelsFile : null);
        NabScorer scorer = new NabScorer(corpus);
        Path outDir = Path.of(out);
        Console.progress(
                "NAB corpus %s: %d series, %d rows, %d windows",
                dataDir, corpus.series().size(), corpus.rowCount(), corpus.windowCount());
        List<DetectionMethod> chosen = new ArrayList<>();
        for (String name : methods.split(",")) {
            try {
                chosen.add(DetectionMethod.of(name.strip()));
            } catch (IllegalArgumentException e) {
                throw new Flags.UsageException("--detectors: " + e.getMessage());
            }
        }
        for (DetectionMethod method : chosen) {
            var run = new TopologyNabRun(method, Sensitivity.DEFAULT);
            Map<String, double[]> scores = run.score(corpus);
            String name = method.id().replace("_", "");
            NabResults.writeAll(outDir, name, corpus, scores);
            NabResult result = scorer.score(name, scores);
            Map<String, Object> fields = result.jsonFields();
            fields.put("method", method.id());
            fields.put("path", "in-stream (AihubTopology in TopologyTestDriver)");
            fields.put("mapping", "score / (score + 3)");
            fields.put("rows_scored", run.scoredRows());
            fields.put("rows", corpus.rowCount());
            double seconds = run.elapsed().toNanos() / 1e9;
            fields.put("readings_per_s", Math.round(corpus.rowCount() / seconds));
            Console.result(fields);
        }
        if (Boolean.parseBoolean(rcf)) {
            long start = System.nanoTime();
            Map<String, double[]> scores = new RcfDetector(RcfDetector.Settings.libraryDefaults()).score(corpus);
            double seconds = (System.nanoTime() - start) / 1e9;
            NabResults.writeAll(outDir, RcfDetector.NAME, corpus, scores);
            Map<String, Object> fields = scorer.score(RcfDetector.NAME, scores).jsonFields();
            fields.put("method", "randomcutforest-core 4.4.0, library defaults");
            fields.put("readings_per_s", Math.round(corpus.rowCount() / seconds));
            Console.result(fields);
        }
        return 0;
    }
}
