package io.aihub.bench.registry;

import io.aihub.schemas.TelemetryReading;
import io.aihub.topology.Topics;
import io.aihub.topology.features.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Sends hourly readings of the swap asset, event time starting at the last full hour. */
final class SwapReadings implements AutoCloseable {

    private final KafkaProducer<String, TelemetryReading> producer;
    private final String topic;
    private final String key = SeriesKey.partitionKey(SwapModels.TENANT, SwapModels.SWAP_ASSET);
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private long next = Instant.now().truncatedTo(ChronoUnit.HOURS).toEpochMilli();

    SwapReadings(String bootstrapServers, Topics topics) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-swap-readings");
        this.producer = new KafkaProducer<>(
                config,
                topics.telemetry().keySerde().serializer(),
                topics.telemetry().valueSerde().serializer());
        this.topic = topics.telemetry().name();
    }

    long nextEventTime() {
        long t = next;
        next += SwapModels.HOUR;
        return t;
    }

    void send(long eventTime, double value) {
        Exception failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("sending a reading failed", failed);
        }
        var reading = new TelemetryReading(
                SwapModels.TENANT,
                SwapModels.SWAP_ASSET,
                SwapModels.METRIC,
                Instant.ofEpochMilli(eventTime),
                value,
                1,
                "kW");
        producer.send(new ProducerRecord<>(topic, null, eventTime, key, reading), (metadata, exception) -> {
            if (exception != null) {
                failure.compareAndSet(null, exception);
            }
        });
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
