package io.aihub.bench.nab;

import io.aihub.bench.internal.Drivers;
import io.aihub.schemas.TelemetryReading;
import io.aihub.topology.AihubTopology;
import io.aihub.topology.SerdeFactory;
import io.aihub.topology.Topics;
import io.aihub.topology.anomaly.ScoreListener;
import io.aihub.topology.anomaly.ScoringSettings;
import io.aihub.topology.anomaly.detect.DetectionMethod;
import io.aihub.topology.catalog.DetectionPolicy;
import io.aihub.topology.catalog.FeatureCatalog;
import io.aihub.topology.features.FeatureSettings;
import io.aihub.topology.features.SeriesKey;
import io.aihub.topology.models.ModelCache;
import io.aihub.topology.models.ModelCacheSettings;
import io.aihub.topology.registry.ProductionModels;
import io.aihub.topology.registry.RegistryListener;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Runs a NAB corpus through the product's in-stream path: the application's whole topology
 * ({@link AihubTopology#build}, the same call the service makes) in a {@link TopologyTestDriver}, with a catalog whose
 * only detection rule is one method. Every row is a {@code TelemetryReading} on the telemetry topic (tenant {@code
 * nab}, one asset per file, metric {@code value}, the row's timestamp); the feature processor accepts it and the
 * detector processor scores it, and a {@link ScoreListener} hears the score. Rows the stream does not score get
 * anomaly score 0: a row at or before the series' previous timestamp (NAB has two files whose clock goes back an
 * hour), or one the feature processor rejects as late (more than the 1 h grace behind the series).
 *
 * <p>The anomaly score of a row is {@link DetectorNabRun#anomalyScore(double)} of the stream's score.
 */
public final class TopologyNabRun {

    private final DetectionMethod method;
    private final double sensitivity;
    private long scoredRows;
    private long nanos;

    public TopologyNabRun(DetectionMethod method, double sensitivity) {
        this.method = method;
        this.sensitivity = sensitivity;
    }

    /** Anomaly scores for every series of the corpus, keyed by relative path; one driver for the whole corpus. */
    public Map<String, double[]> score(NabCorpus corpus) {
        Topics topics = Topics.of("", SerdeFactory.plainAvro());
        var catalog = new FeatureCatalog(
                1,
                FeatureCatalog.loadDefault().sets(),
                new DetectionPolicy(new DetectionPolicy.Rule(List.of(method), sensitivity), Map.of()));
        var models =
                new ProductionModels(new ModelCache(new ModelCacheSettings(1, Duration.ofHours(1), 1 << 20)), ref -> {
                    throw new IllegalStateException("no registry models in a NAB run");
                });
        double[] heard = {Double.NaN};
        ScoreListener listener = (vector, m, scored) -> heard[0] = scored.score();
        var topology = AihubTopology.build(
                FeatureSettings.defaults(catalog),
                ScoringSettings.defaults(),
                topics,
                models,
                RegistryListener.NONE,
                listener);
        Map<String, double[]> out = new LinkedHashMap<>();
        long start = System.nanoTime();
        try (var driver = Drivers.open(topology, topics, "aihub-nab")) {
            TestInputTopic<String, TelemetryReading> telemetry = Drivers.telemetry(driver, topics);
            for (NabSeries series : corpus.series()) {
                String asset = assetId(series);
                double[] scores = new double[series.size()];
                for (int i = 0; i < scores.length; i++) {
                    long t = series.timestampMillis(i);
                    heard[0] = Double.NaN;
                    telemetry.pipeInput(
                            SeriesKey.partitionKey("nab", asset),
                            TelemetryReading.newBuilder()
                                    .setTenantId("nab")
                                    .setAssetId(asset)
                                    .setMetric("value")
                                    .setTimestamp(Instant.ofEpochMilli(t))
                                    .setValue(series.value(i))
                                    .build(),
                            t);
                    if (!Double.isNaN(heard[0])) {
                        scores[i] = DetectorNabRun.anomalyScore(heard[0]);
                        scoredRows++;
                    }
                }
                out.put(series.relativePath(), scores);
            }
        }
        nanos = System.nanoTime() - start;
        return out;
    }

    /** Rows the stream scored in the last run. */
    public long scoredRows() {
        return scoredRows;
    }

    /** Wall time of the last run, every row through the whole topology (features, detectors, sinks). */
    public Duration elapsed() {
        return Duration.ofNanos(nanos);
    }

    /** {@code category.file} without {@code .csv}, in the asset id alphabet. */
    static String assetId(NabSeries series) {
        String name = series.category() + "." + series.fileName().replaceFirst("\\.csv$", "");
        String id = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return id.length() > 128 ? id.substring(0, 128) : id;
    }
}
