package io.aihub.bench;

import io.aihub.bench.internal.AppInstance;
import io.aihub.bench.internal.AppSettings;
import io.aihub.bench.internal.Console;
import io.aihub.bench.internal.Flags;
import io.aihub.bench.internal.Harness;
import io.aihub.bench.internal.Infrastructure;
import io.aihub.bench.internal.Latency;
import io.aihub.bench.internal.Machine;
import io.aihub.bench.internal.ReadingProducer;
import io.aihub.bench.internal.Telemetry;
import io.aihub.services.online.MaterialisationLatency;
import io.aihub.services.standalone.ApicurioSerdes;
import io.aihub.topology.Topics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code ./aihub bench redis}: the time from a reading to its feature vector in Redis. Readings stamped with the
 * wall clock at sending are produced at a steady rate to one app instance whose online store writes to Redis: first
 * {@code --warmup} of them, not measured, until all are in Redis; then {@code --seconds} of them, each measured by
 * the app's {@link MaterialisationLatency} (Redis' acknowledgement minus the reading's timestamp; and the consumer's
 * receipt, the stream's share). Prints one JSON line; exits 1 if not every measured vector reached Redis.
 */
public final class RedisBench {

    private RedisBench() {}

    public static void main(String[] args) {
        Harness.main("redis", args, RedisBench::run);
    }

    private static int run(Flags flags) throws InterruptedException {
        int assets = flags.positive("assets", 1_000, "assets the readings go round (tenant bench, metric value)");
        int rate = flags.positive("rate", 2_000, "readings per second");
        Duration warmup = flags.duration("warmup", "10s", "readings sent first at the same rate, not measured");
        Duration measure = flags.duration("seconds", "20s", "how long measured readings are sent");
        String redis = flags.string("redis", "redis://127.0.0.1:6379", "the Redis the online store writes to");
        int partitions = flags.positive("partitions", 6, "partitions of the app's topics");
        String bootstrap = flags.optional("bootstrap", "external Kafka bootstrap servers (default: in-process broker)");
        String registry = flags.optional("registry", "external Apicurio v3 API URL (default: child-process server)");
        Map<String, Object> appProperties =
                flags.properties("app-properties", "extra app settings, e.g. aihub.redis.batch=500,aihub.x=y");
        if (flags.helpRequested()) {
            System.err.print(flags.usage());
            return 0;
        }
        flags.rejectUnknown();

        try (Infrastructure infrastructure = Infrastructure.start(bootstrap, registry)) {
            String run = "bench-redis-" + Long.toString(System.currentTimeMillis(), 36);
            Map<String, Object> settings = AppSettings.of(infrastructure, run, partitions, 1, "state", "", "");
            settings.put("aihub.redis.url", redis);
            settings.put("aihub.redis.ttl", "60s"); // the run's keys leave the shared Redis a minute after it
            settings.putAll(appProperties);
            Console.progress("starting the app (%d partitions) writing to %s", partitions, redis);
            try (AppInstance app = AppInstance.start(settings)) {
                app.awaitRunning(Duration.ofMinutes(2));
                Topics topics = Topics.of(run + "-", new ApicurioSerdes(infrastructure.registryUrl())::value);
                MaterialisationLatency latency = app.bean(MaterialisationLatency.class);
                long warm = rate * warmup.toSeconds();
                long readings = Math.max(1, rate * measure.toSeconds());
                double achieved;
                MaterialisationLatency.Interval measured;
                try (var producer = new ReadingProducer(
                        infrastructure.bootstrapServers(),
                        topics.telemetry(),
                        new Telemetry(assets, 7),
                        5,
                        64 * 1024,
                        "lz4")) {
                    Console.progress("warm-up: %d readings at %d/s", warm, rate);
                    producer.paced(warm, rate);
                    producer.flush();
                    long warmed =
                            awaitAcknowledged(latency, warm).acknowledged().getTotalCount();
                    Console.progress("warm-up done (%d vectors in Redis); measuring %d readings", warmed, readings);
                    achieved = producer.paced(readings, rate);
                    producer.flush();
                    measured = awaitAcknowledged(latency, readings);
                }
                long inRedis = measured.acknowledged().getTotalCount();
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("bench", "redis");
                result.put("case", "reading_to_redis");
                Latency.put(result, measured.acknowledged(), false);
                // the stream's share: reading -> vector received by the online store's consumer
                result.put("received_p50_ms", Latency.millis(measured.received().getValueAtPercentile(50)));
                result.put("received_p99_ms", Latency.millis(measured.received().getValueAtPercentile(99)));
                result.put("readings", readings);
                result.put("in_redis", inRedis);
                result.put("rate", Math.round(achieved));
                result.put("assets", assets);
                result.put("batch", app.settings().redis().batch());
                result.put("machine", Machine.describe());
                Console.result(result);
                return inRedis >= readings ? 0 : 1;
            }
        }
    }

    /**
     * Collects the latency intervals until {@code expected} vectors are acknowledged by Redis (at most a minute).
     *
     * @return everything recorded from the previous call on
     */
    private static MaterialisationLatency.Interval awaitAcknowledged(MaterialisationLatency latency, long expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        MaterialisationLatency.Interval all = latency.interval();
        while (all.acknowledged().getTotalCount() < expected && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            MaterialisationLatency.Interval more = latency.interval();
            all.acknowledged().add(more.acknowledged());
            all.received().add(more.received());
        }
        return all;
    }
}
