package io.aihub.bench.internal;

import io.aihub.schemas.AnomalyEvent;
import io.aihub.topology.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the anomalies topic from the beginning ({@code read_committed}, what a downstream consumer sees) on one
 * thread and remembers, per {@code model_id}, the first {@link AnomalyEvent} scored by that model version: when it
 * was received ({@link System#nanoTime()} right after the poll that returned it) and the event time of its reading.
 */
public final class AnomalyWatcher implements AutoCloseable {

    /** The first event of a model version: when it was received (nanoTime) and its reading's event time (epoch ms). */
    public record Seen(long receivedNanos, long eventTime) {}

    private final KafkaConsumer<String, AnomalyEvent> consumer;
    private final String topic;
    private final Thread thread;
    private final Object lock = new Object();
    private final Map<String, Seen> firstSeen = new HashMap<>();
    private long events;
    private volatile boolean running = true;
    private volatile @Nullable RuntimeException failure;

    public AnomalyWatcher(String bootstrapServers, TopicSpec<String, AnomalyEvent> anomalies) {
        this.topic = anomalies.name();
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                        100,
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "bench-anomaly-watcher"),
                anomalies.keySerde().deserializer(),
                anomalies.valueSerde().deserializer());
        this.thread = Thread.ofPlatform().name("bench-anomaly-watcher").daemon().unstarted(this::run);
    }

    /** Assigns every partition of the topic from the beginning and starts reading. */
    public AnomalyWatcher start() {
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(topic, Duration.ofSeconds(30))
                .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread.start();
        return this;
    }

    /**
     * Waits until an event scored by {@code modelId} has been received, or until {@code deadlineNanos}
     * ({@link System#nanoTime()} scale); returns the first one, or null if none was received by then.
     */
    public @Nullable Seen awaitFirst(String modelId, long deadlineNanos) throws InterruptedException {
        synchronized (lock) {
            while (true) {
                RuntimeException failed = failure;
                if (failed != null) {
                    throw new IllegalStateException("the anomalies consumer failed", failed);
                }
                Seen seen = firstSeen.get(modelId);
                if (seen != null) {
                    return seen;
                }
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
    }

    /** Events received so far, every model. */
    public long events() {
        synchronized (lock) {
            return events;
        }
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<String, AnomalyEvent> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                long received = System.nanoTime();
                synchronized (lock) {
                    for (ConsumerRecord<String, AnomalyEvent> record : records) {
                        events++;
                        AnomalyEvent event = record.value();
                        if (event != null && event.getModelId() != null) {
                            firstSeen.putIfAbsent(
                                    event.getModelId(),
                                    new Seen(received, event.getTimestamp().toEpochMilli()));
                        }
                    }
                    lock.notifyAll();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e;
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
