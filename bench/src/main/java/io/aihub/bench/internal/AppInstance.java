package io.aihub.bench.internal;

import io.aihub.services.AihubApplication;
import io.aihub.services.config.AihubProperties;
import io.aihub.services.query.StreamsRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One instance of the real application in this JVM, on a free port with its own state directory. Settings are
 * passed as command-line arguments, the highest-precedence property source, so no {@code AIHUB_*} variable of
 * the calling shell changes what is measured.
 */
public final class AppInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final int port;

    private AppInstance(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /**
     * Starts an instance; {@code settings} are application properties ({@code aihub.*}, {@code server.*}), added
     * to the bench's defaults (free port, loopback advertised host, quiet logging).
     */
    public static AppInstance start(Map<String, Object> settings) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", 0);
        properties.put("aihub.streams.advertised-host", "127.0.0.1");
        properties.put("aihub.topics.create", true);
        properties.put("logging.level.org.apache.kafka.streams.KafkaStreams", "WARN");
        properties.put("logging.level.io.aihub", "WARN");
        properties.put("spring.main.log-startup-info", false);
        properties.putAll(settings);
        List<String> args = new ArrayList<>();
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(AihubApplication.class).run(args.toArray(String[]::new));
        return new AppInstance(context);
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The settings the instance actually runs with (after binding and defaults). */
    public AihubProperties settings() {
        return bean(AihubProperties.class);
    }

    /**
     * The streams settings the instance runs with, as result fields: {@code partitions}, {@code stream_threads},
     * {@code processing_guarantee} and {@code commit_interval_ms}.
     */
    public Map<String, Object> streamsFields() {
        AihubProperties effective = settings();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("partitions", effective.topics().partitions());
        fields.put("stream_threads", effective.streams().threads());
        fields.put("processing_guarantee", effective.streams().processingGuarantee());
        var commit = effective.streams().commitInterval();
        // unset = Kafka Streams' default for the guarantee: 30 s at-least-once, 100 ms exactly-once
        fields.put(
                "commit_interval_ms",
                commit != null
                        ? commit.toMillis()
                        : effective.streams().processingGuarantee().equals("at_least_once") ? 30_000 : 100);
        return fields;
    }

    /** Waits until the instance's Kafka Streams is RUNNING. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        StreamsRuntime runtime = bean(StreamsRuntime.class);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen = runtime.generation();
            KafkaStreams streams = runtime.streams();
            if (streams != null && streams.state() == KafkaStreams.State.RUNNING) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("the app instance on port " + port + " did not reach RUNNING within "
                        + timeout.toSeconds() + " s (state " + (streams == null ? "NOT_STARTED" : streams.state())
                        + ")");
            }
            runtime.awaitChange(seen, Duration.ofNanos(Math.min(left, 200_000_000L)));
        }
    }

    /** The instance's running Kafka Streams, or null before it has started. */
    public @Nullable KafkaStreams streams() {
        return bean(StreamsRuntime.class).streams();
    }

    /** The instance's Kafka Streams state, e.g. RUNNING or REBALANCING. */
    public String streamsState() {
        KafkaStreams streams = streams();
        return streams == null ? "NOT_STARTED" : streams.state().toString();
    }

    /**
     * The largest {@code commit-}, {@code poll-}, {@code process-} and {@code punctuate-latency-max} of the instance's
     * stream threads (Kafka Streams' thread metrics, sampled over its last two 30 s windows), in ms, as
     * {@code thread_commit_max_ms} and so on; absent when not recorded.
     */
    public Map<String, Double> threadLatencyMaxima() {
        var maxima = new TreeMap<String, Double>();
        streamsMetrics().forEach((name, metric) -> {
            if (name.group().equals("stream-thread-metrics")
                    && name.name().endsWith("-latency-max")
                    && metric.metricValue() instanceof Double value
                    && !value.isNaN()) {
                String key = "thread_" + name.name().replace("-latency-max", "") + "_max_ms";
                maxima.merge(key, value, Math::max);
            }
        });
        return maxima;
    }

    /**
     * The stream's producer's request latency and record queue time (average and max over the last minute or so), as
     * "name=value" pairs: how long its sends waited for the broker.
     */
    public String producerLatencies() {
        var latencies = new TreeMap<String, Object>();
        streamsMetrics().forEach((name, metric) -> {
            if (name.group().equals("producer-metrics")
                    && (name.name().startsWith("request-latency") || name.name().startsWith("record-queue-time"))) {
                latencies.put(name.name(), metric.metricValue());
            }
        });
        return latencies.toString();
    }

    /** The running Kafka Streams' metrics; none before it has started. */
    private Map<MetricName, ? extends Metric> streamsMetrics() {
        KafkaStreams streams = streams();
        return streams == null ? Map.of() : streams.metrics();
    }

    @Override
    public void close() {
        context.close();
    }
}
