package io.aihub.bench.internal;

import io.aihub.schemas.TelemetryReading;
import io.aihub.topology.TopicSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends telemetry readings to the telemetry topic with an idempotent producer ({@code acks=all}), as an ingest
 * client would: Avro values through the registry serde, record timestamp = the reading's event time. Either as fast
 * as it goes ({@link #burst}) or paced at a fixed rate ({@link #paced}); event time is the wall clock at the send.
 */
public final class ReadingProducer implements AutoCloseable {

    private final KafkaProducer<String, TelemetryReading> producer;
    private final TopicSpec<String, TelemetryReading> topic;
    private final Telemetry telemetry;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Callback callback = (metadata, exception) -> {
        if (exception != null) {
            failure.compareAndSet(null, exception);
        } else {
            acknowledged.incrementAndGet();
        }
    };
    private int nextAsset;

    /**
     * @param lingerMs producer {@code linger.ms}
     * @param batchBytes producer {@code batch.size}
     * @param compression producer {@code compression.type} (none, lz4, zstd, snappy, gzip)
     */
    public ReadingProducer(
            String bootstrapServers,
            TopicSpec<String, TelemetryReading> topic,
            Telemetry telemetry,
            int lingerMs,
            int batchBytes,
            String compression) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, batchBytes);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-readings");
        this.producer = new KafkaProducer<>(
                config, topic.keySerde().serializer(), topic.valueSerde().serializer());
        this.topic = topic;
        this.telemetry = telemetry;
    }

    /** Sends {@code count} readings, round-robin over the assets, as fast as the producer takes them. */
    public void burst(long count) {
        for (long i = 0; i < count; i++) {
            sendNext();
        }
    }

    /**
     * Sends {@code count} readings at {@code perSecond}, each at its scheduled instant (no bursts to catch up
     * beyond what is due); returns the achieved rate.
     */
    public double paced(long count, int perSecond) {
        long period = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            long due = start + i * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            sendNext();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return count / seconds;
    }

    private void sendNext() {
        int asset = nextAsset;
        nextAsset = asset + 1 == telemetry.assets() ? 0 : asset + 1;
        send(asset, System.currentTimeMillis());
    }

    /** Sends one reading of {@code asset} with event time {@code eventTime} (epoch ms). */
    public void send(int asset, long eventTime) {
        Exception failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("the producer failed to send a reading", failed);
        }
        producer.send(
                new ProducerRecord<>(
                        topic.name(), null, eventTime, telemetry.key(asset), telemetry.reading(asset, eventTime)),
                callback);
    }

    /** Waits until every sent reading is acknowledged; throws if any send failed. */
    public long flush() {
        producer.flush();
        Exception failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("the producer failed to send a reading", failed);
        }
        return acknowledged.get();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
