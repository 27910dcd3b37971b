package io.aihub.bench;

import io.aihub.bench.internal.Console;
import io.aihub.bench.internal.Drivers;
import io.aihub.bench.internal.Flags;
import io.aihub.bench.internal.Latency;
import io.aihub.schemas.TelemetryReading;
import io.aihub.topology.AihubTopology;
import io.aihub.topology.SerdeFactory;
import io.aihub.topology.Topics;
import io.aihub.topology.anomaly.ScoringSettings;
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
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.apache.kafka.streams.TestInputTopic;

/**
 * {@code ./aihub bench forecast-issue}: what issuing the in-stream forecasts costs at an hour boundary. Runs the
 * application's whole topology ({@link AihubTopology#build}, shipped catalog: features, the in-stream detector and
 * hourly forecasts by the seasonal baseline) in Kafka Streams' test driver, fills {@code --series} series with {@code
 * --days} of readings every {@code --step-minutes}, then for {@code --boundaries} hour boundaries times, per series,
 * the reading that closes the hour (it issues the series' forecast: a range scan of its history in the readings store
 * and the forecaster) and the next reading of the same series (it issues none). The difference of the medians is the
 * cost of one issue; times the series, the work an hour boundary adds to a stream thread.
 */
public final class ForecastIssueBench {

    private static final long MINUTE = 60_000L;
    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

    private ForecastIssueBench() {}

    public static void main(String[] args) {
        Console.runAndExit("forecast-issue", args, ForecastIssueBench::run);
    }

    private static int run(Flags flags) {
        int series = flags.positive("series", 200, "series (one asset each, metric kw)");
        int days = flags.positive("days", 14, "days of history per series before the timed boundaries");
        int step = flags.positive("step-minutes", 5, "minutes between two readings of a series (divides 60)");
        int boundaries = flags.positive("boundaries", 3, "hour boundaries timed");
        if (flags.helpRequested()) {
            System.err.print(flags.usage());
            return 0;
        }
        flags.rejectUnknown();
        if (60 % step != 0) {
            throw new Flags.UsageException("--step-minutes must divide 60, was " + step);
        }
        Topics topics = Topics.of("", SerdeFactory.plainAvro());
        var models = new ProductionModels(
                new ModelCache(new ModelCacheSettings(1, Duration.ofHours(1), 1 << 20)), ref -> null);
        var topology = AihubTopology.build(
                FeatureSettings.defaults(FeatureCatalog.loadDefault()),
                ScoringSettings.defaults(),
                topics,
                models,
                RegistryListener.NONE);
        var issuing = new Histogram(3);
        var plain = new Histogram(3);
        try (var driver = Drivers.open(topology, topics, "aihub-forecast-issue")) {
            TestInputTopic<String, TelemetryReading> telemetry = Drivers.telemetry(driver, topics);
            var random = new SplittableRandom(42);
            long history = (long) days * 24 * 60 / step;
            Console.progress("filling %,d series with %,d readings each", series, history);
            for (long i = 0; i < history; i++) {
                long t = START.toEpochMilli() + i * step * MINUTE;
                for (int s = 0; s < series; s++) {
                    send(telemetry, s, t, random);
                }
            }
            long first = START.toEpochMilli() + history * step * MINUTE;
            for (int b = 0; b < boundaries; b++) {
                long boundary = first + b * 60 * MINUTE;
                for (int s = 0; s < series; s++) {
                    issuing.recordValue(timed(telemetry, s, boundary, random));
                }
                for (int s = 0; s < series; s++) {
                    plain.recordValue(timed(telemetry, s, boundary + step * MINUTE, random));
                }
                for (long i = 2; i < 60 / step; i++) {
                    for (int s = 0; s < series; s++) {
                        send(telemetry, s, boundary + i * step * MINUTE, random);
                    }
                }
            }
        }
        long issueMicros = issuing.getValueAtPercentile(50) - plain.getValueAtPercentile(50);
        var result = new LinkedHashMap<String, Object>();
        result.put("bench", "forecast-issue");
        result.put("series", series);
        result.put("history_readings_per_series", (long) days * 24 * 60 / step);
        result.put("boundaries", boundaries);
        var closing = new LinkedHashMap<String, Object>();
        Latency.put(closing, issuing, false);
        result.put("closing_reading", closing);
        var other = new LinkedHashMap<String, Object>();
        Latency.put(other, plain, false);
        result.put("other_reading", other);
        result.put("issue_ms", Latency.millis(issueMicros));
        result.put("per_boundary_s_per_1000_series", Console.round3(issueMicros / 1000.0));
        Console.result(result);
        return 0;
    }

    private static long timed(TestInputTopic<String, TelemetryReading> telemetry, int s, long t, SplittableRandom r) {
        long start = System.nanoTime();
        send(telemetry, s, t, r);
        return Math.max(1, (System.nanoTime() - start) / 1000);
    }

    private static void send(TestInputTopic<String, TelemetryReading> telemetry, int s, long t, SplittableRandom r) {
        String asset = "feeder-" + s;
        double hour = (t / (60 * MINUTE)) % 24;
        double value = 100 + 20 * Math.sin(2 * Math.PI * hour / 24) + r.nextGaussian();
        telemetry.pipeInput(
                SeriesKey.partitionKey("bench", asset),
                TelemetryReading.newBuilder()
                        .setTenantId("bench")
                        .setAssetId(asset)
                        .setMetric("kw")
                        .setTimestamp(Instant.ofEpochMilli(t))
                        .setValue(value)
                        .build(),
                t);
    }
}
