package io.aihub.bench;

import io.aihub.bench.internal.AppInstance;
import io.aihub.bench.internal.AppSettings;
import io.aihub.bench.internal.Console;
import io.aihub.bench.internal.Flags;
import io.aihub.bench.internal.Harness;
import io.aihub.bench.internal.Infrastructure;
import io.aihub.bench.internal.Machine;
import io.aihub.bench.internal.ReadingProducer;
import io.aihub.bench.internal.Telemetry;
import io.aihub.services.standalone.ApicurioSerdes;
import io.aihub.topology.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code ./aihub bench redis}: the time from a reading to its feature vector in Redis. Readings stamped with the
 * wall clock at sending are produced at a steady rate to one app instance whose online store writes to Redis; the
 * app's {@code aihub.redis.materialise.lag} timer (Redis' acknowledgement minus the reading's timestamp, per vector)
 * gives p50 and p99 over every reading of the run. Prints one JSON line; exits 1 if not every vector reached Redis.
 */
public final class RedisBench {

    private static final String LAG = "aihub.redis.materialise.lag";
    private static final String RECEIVED = "aihub.redis.received.lag";

    private RedisBench() {}

    public static void main(String[] args) {
        Harness.main("redis", args, RedisBench::run);
    }

    private static int run(Flags flags) throws InterruptedException {
        int assets = flags.positive("assets", 1_000, "assets the readings go round (tenant bench, metric value)");
        int rate = flags.positive("rate", 2_000, "readings per second");
        Duration measure = flags.duration("seconds", "20s", "how long readings are sent");
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
                long readings = Math.max(1, rate * measure.toSeconds());
                Console.progress("sending %d readings at %d/s over %d assets", readings, rate, assets);
                double achieved;
                try (var producer = new ReadingProducer(
                        infrastructure.bootstrapServers(),
                        topics.telemetry(),
                        new Telemetry(assets, 7),
                        5,
                        64 * 1024,
                        "lz4")) {
                    achieved = producer.paced(readings, rate);
                    producer.flush();
                }
                Timer lag = app.bean(MeterRegistry.class).get(LAG).timer();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (lag.count() < readings && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                }
                var snapshot = lag.takeSnapshot();
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("bench", "redis");
                result.put("case", "reading_to_redis");
                for (ValueAtPercentile p : snapshot.percentileValues()) {
                    result.put(
                            p.percentile() == 0.5 ? "p50_ms" : "p99_ms",
                            Console.round3(p.value(TimeUnit.MILLISECONDS)));
                }
                result.put("max_ms", Console.round3(snapshot.max(TimeUnit.MILLISECONDS)));
                // the stream's share: reading -> vector received by the online store's consumer
                for (ValueAtPercentile p : app.bean(MeterRegistry.class)
                        .get(RECEIVED)
                        .timer()
                        .takeSnapshot()
                        .percentileValues()) {
                    result.put(
                            p.percentile() == 0.5 ? "received_p50_ms" : "received_p99_ms",
                            Console.round3(p.value(TimeUnit.MILLISECONDS)));
                }
                result.put("readings", readings);
                result.put("in_redis", lag.count());
                result.put("rate", Math.round(achieved));
                result.put("assets", assets);
                result.put("batch", app.settings().redis().batch());
                result.put("machine", Machine.describe());
                Console.result(result);
                return lag.count() >= readings ? 0 : 1;
            }
        }
    }
}
