package io.aihub.bench;

import io.aihub.bench.internal.AppInstance;
import io.aihub.bench.internal.AppSettings;
import io.aihub.bench.internal.BrokerMetrics;
import io.aihub.bench.internal.Console;
import io.aihub.bench.internal.FeatureDrain;
import io.aihub.bench.internal.Flags;
import io.aihub.bench.internal.Harness;
import io.aihub.bench.internal.Infrastructure;
import io.aihub.bench.internal.JitQuiet;
import io.aihub.bench.internal.Latency;
import io.aihub.bench.internal.Machine;
import io.aihub.bench.internal.ReadingProducer;
import io.aihub.bench.internal.StallReport;
import io.aihub.bench.internal.Telemetry;
import io.aihub.services.config.AihubProperties;
import io.aihub.services.standalone.ApicurioSerdes;
import io.aihub.topology.Topics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * {@code ./aihub bench ingest}: ingest throughput and event-to-feature latency of one app instance.
 *
 * <ol>
 *   <li>Starts (or connects to) a broker and the registry, and one app instance.
 *   <li>Warm-up: a few readings per asset, drained, not measured.
 *   <li>Phase A, throughput: {@code --readings} readings over {@code --assets} assets, sent as fast as a batching
 *       producer goes; readings_per_s = readings / (first send .. last feature vector received, read_committed).
 *   <li>Phase B, latency: {@code --rate} readings/s for {@code --seconds}; per vector, receive wall time minus the
 *       reading's event time (the producer's clock, same machine).
 * </ol>
 *
 * Prints one JSON line on stdout; exits 1 if any vector is missing or any reading was dead-lettered.
 */
public final class IngestBench {

    private IngestBench() {}

    public static void main(String[] args) {
        Harness.main("ingest", args, IngestBench::run);
    }

    private static int run(Flags flags) throws InterruptedException {
        long readings = flags.positive("readings", 1_000_000, "readings to send in the throughput phase");
        int assets = flags.positive("assets", 10_000, "assets the readings are spread over (tenant bench)");
        int warmup = flags.integer(
                "warmup",
                (int) Math.min(readings, Integer.MAX_VALUE),
                "readings of one warm-up round, sent and drained as phase A's, not measured (default: --readings, the"
                        + " measured load itself; 0: none)");
        int rate = flags.positive("rate", 5_000, "readings/s of the latency phase");
        int seconds = flags.integer("seconds", 30, "duration of the latency phase, s (0: skip it)");
        int partitions = flags.positive("partitions", 6, "partitions of the app's topics");
        int threads = flags.positive("threads", 1, "Kafka Streams threads of the app");
        String guarantee = flags.optional(
                "processing-guarantee", "exactly_once_v2 or at_least_once (default: the app's, at_least_once)");
        String commitInterval =
                flags.optional("commit-interval", "Kafka Streams commit interval, e.g. 50ms " + "(default: the app's)");
        String compression = flags.string("compression", "lz4", "producer compression: none, lz4, zstd, snappy");
        int lingerMs = flags.integer("linger-ms", 10, "producer linger.ms of the throughput phase");
        int batchKb = flags.positive("batch-kb", 256, "producer batch.size of the throughput phase, KiB");
        int latencyLingerMs = flags.integer("latency-linger-ms", 1, "producer linger.ms of the latency phase");
        // with 1 ms batches, an lz4 producer allocates a 64 KiB block buffer and its compressed twin per batch:
        // hundreds
        // of MB/s of garbage in the JVM the app shares, so the load generator itself would cause the app's GC pauses
        String latencyCompression = flags.string(
                "latency-compression", "none", "producer compression of the latency phase: none, lz4, zstd, snappy");
        int warmupRounds = flags.positive(
                "warmup-rounds",
                4,
                "most warm-up rounds of --warmup readings: rounds go on until the JIT compiles for less than 5 % of one");
        int latencyWarmup = flags.integer(
                "latency-warmup", 10, "s of one unmeasured round at --rate before the latency phase (0: none)");
        int latencyWarmupRounds = flags.positive(
                "latency-warmup-rounds",
                6,
                "most unmeasured rounds at --rate: they go on until the JIT compiles for less than 5 % of one");
        Duration stall = flags.duration("stall-timeout", "60s", "give up when no vector arrives for this long");
        String bootstrap = flags.optional("bootstrap", "external Kafka bootstrap servers (default: in-process broker)");
        String registry = flags.optional("registry", "external Apicurio v3 API URL (default: child-process server)");
        Map<String, Object> appProperties = flags.properties(
                "app-properties", "extra app settings, e.g. aihub.streams.commit-interval=50ms,aihub.x=y");
        if (flags.helpRequested()) {
            System.err.print(flags.usage());
            return 0;
        }
        flags.rejectUnknown();

        long runStarted = System.nanoTime();
        try (Infrastructure infrastructure = Infrastructure.start(bootstrap, registry)) {
            String run = "bench-ingest-" + Long.toString(System.currentTimeMillis(), 36);
            Map<String, Object> settings =
                    AppSettings.of(infrastructure, run, partitions, threads, "state", guarantee, commitInterval);
            settings.putAll(appProperties);
            Console.progress("starting the app instance (%d partitions, %d stream threads)", partitions, threads);
            try (AppInstance app = AppInstance.start(settings)) {
                app.awaitRunning(Duration.ofMinutes(2));
                double startupSeconds = (System.nanoTime() - runStarted) / 1e9;
                AihubProperties effective = app.settings();
                Topics topics = Topics.of(run + "-", new ApicurioSerdes(infrastructure.registryUrl())::value);
                var telemetry = new Telemetry(assets, 42);
                try (var drain = new FeatureDrain(
                                infrastructure.bootstrapServers(),
                                topics.features().name(),
                                topics.deadLetter().name())
                        .start()) {
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("bench", "ingest");
                    result.put("readings", readings);
                    result.put("assets", assets);
                    var missing = new AtomicLong();
                    JitQuiet jit = JitQuiet.ofThisJvm();

                    try (var producer = new ReadingProducer(
                            infrastructure.bootstrapServers(),
                            topics.telemetry(),
                            telemetry,
                            lingerMs,
                            batchKb * 1024,
                            compression)) {
                        if (warmup > 0) {
                            Console.progress("warm-up: rounds of %d readings until the JIT has settled", warmup);
                            int rounds = jit.settle(
                                    "warm-up",
                                    warmupRounds,
                                    number -> missing.addAndGet(
                                            drainedRound(drain, "warm-up " + number, warmup, stall, () -> {
                                                producer.burst(warmup);
                                                producer.flush();
                                            })));
                            result.put("warmup_rounds", rounds);
                        }

                        Console.progress(
                                "phase A: %d readings over %d assets, as fast as possible (%s, linger %d ms, batch %d KiB)",
                                readings, assets, compression, lingerMs, batchKb);
                        var phaseA = drain.beginPhase("throughput", System.currentTimeMillis(), readings, false);
                        long jitBefore = jit.compiledMillis();
                        long started = System.nanoTime();
                        producer.burst(readings);
                        producer.flush();
                        long produced = System.nanoTime();
                        Console.progress(
                                "phase A: sent in %.1f s (%.0f/s); waiting for the feature vectors",
                                (produced - started) / 1e9, readings / ((produced - started) / 1e9));
                        var drainedA = phaseA.await(
                                stall,
                                () -> Console.progress(
                                        "phase A: %d of %d vectors so far", phaseA.received(), readings));
                        missing.addAndGet(report(phaseA, drainedA, readings));
                        double phaseASeconds = drainedA.completedNanos() == 0
                                ? Double.NaN
                                : (drainedA.completedNanos() - started) / 1e9;
                        result.put("readings_per_s", Math.round(readings / phaseASeconds));
                        result.put("produce_per_s", Math.round(readings / ((produced - started) / 1e9)));
                        result.put("phase_a_s", Console.round3(phaseASeconds));
                        result.put("phase_a_jit_ms", jit.compiledMillis() - jitBefore);
                    }

                    long latencyReadings = (long) rate * seconds;
                    result.put("rate_for_latency", rate);
                    if (latencyReadings > 0) {
                        try (var producer = new ReadingProducer(
                                infrastructure.bootstrapServers(),
                                topics.telemetry(),
                                telemetry,
                                latencyLingerMs,
                                64 * 1024,
                                latencyCompression)) {
                            if (latencyWarmup > 0) {
                                // the paced regime runs other code than the burst (small requests, idle polls): the
                                // JIT recompiles for it, which must not happen inside the measurement
                                long roundReadings = (long) rate * latencyWarmup;
                                int rounds = jit.settle(
                                        "latency warm-up",
                                        latencyWarmupRounds,
                                        number -> missing.addAndGet(drainedRound(
                                                drain, "latency warm-up " + number, roundReadings, stall, () -> {
                                                    producer.paced(roundReadings, rate);
                                                    producer.flush();
                                                })));
                                result.put("latency_warmup_rounds", rounds);
                            }
                            Console.progress(
                                    "phase B: %d readings/s for %d s (linger %d ms)", rate, seconds, latencyLingerMs);
                            var phaseB = drain.beginPhase("latency", System.currentTimeMillis(), latencyReadings, true);
                            long jitBefore = jit.compiledMillis();
                            long started = System.nanoTime();
                            double achieved = producer.paced(latencyReadings, rate);
                            producer.flush();
                            var drainedB = phaseB.await(stall, () -> {});
                            missing.addAndGet(report(phaseB, drainedB, latencyReadings));
                            Histogram latency = phaseB.latency();
                            result.put("achieved_rate", Math.round(achieved));
                            Console.progress("phase B, the stream's producer (ms): %s", app.producerLatencies());
                            Console.progress(
                                    "produce requests at the broker, mean/p99/max ms: %s",
                                    BrokerMetrics.produceTimes());
                            Console.progress(
                                    "phase B, longest latency per second of event time (s: ms): %s",
                                    Latency.bySecond(phaseB.maxLatencyBySecond()));
                            Latency.put(result, latency, true);
                            result.put("phase_b_s", Console.round3((System.nanoTime() - started) / 1e9));
                            result.put("phase_b_jit_ms", jit.compiledMillis() - jitBefore);
                            // the stream thread's longest commit, punctuation and poll over the last minute or so
                            // (Kafka Streams' sampled thread metrics): what a latency tail waited for
                            app.threadLatencyMaxima().forEach((name, ms) -> result.put(name, Console.round3(ms)));
                        }
                    }

                    long deadLetters = drain.deadLetters();
                    long duplicates = drain.surplus();
                    result.put("missing_vectors", missing.get());
                    result.put("duplicate_vectors", duplicates);
                    result.put("dead_letters", deadLetters);
                    result.put("stray_vectors", drain.strays());
                    result.putAll(app.streamsFields());
                    result.put(
                            "producer_linger_ms",
                            effective.streams().producerLinger().toMillis());
                    result.put("producer_compression", effective.streams().producerCompression());
                    result.put("bench_producer_compression", compression);
                    result.put("bench_latency_compression", latencyCompression);
                    result.put("startup_s", Console.round3(startupSeconds));
                    result.put("machine", Machine.describe());
                    Console.result(result);
                    if (missing.get() != 0 || deadLetters != 0) {
                        Console.progress(
                                "FAILED: %d feature vectors missing, %d readings dead-lettered",
                                missing.get(), deadLetters);
                        if (missing.get() > 0) {
                            StallReport.print(
                                    infrastructure.bootstrapServers(),
                                    run,
                                    topics.features().name(),
                                    List.of(app));
                        }
                        return 1;
                    }
                    return 0;
                }
            }
        }
    }

    /**
     * One unmeasured round: a phase of {@code readings} that {@code send} sends (and flushes), drained; returns the
     * vectors missing.
     */
    private static long drainedRound(FeatureDrain drain, String name, long readings, Duration stall, Runnable send)
            throws InterruptedException {
        var phase = drain.beginPhase(name, System.currentTimeMillis(), readings, false);
        send.run();
        return report(phase, phase.await(stall, () -> {}), readings);
    }

    /** Logs a drained phase and returns how many vectors are missing (negative: more than expected). */
    private static long report(FeatureDrain.Phase phase, FeatureDrain.Drained drained, long expected) {
        long missing = expected - drained.received();
        if (missing > 0) {
            Console.progress(
                    "%s: only %d of %d feature vectors arrived (%d missing)",
                    phase.name(), drained.received(), expected, missing);
        } else {
            Console.progress("%s: all %d feature vectors arrived", phase.name(), expected);
        }
        return Math.max(0, missing);
    }
}
