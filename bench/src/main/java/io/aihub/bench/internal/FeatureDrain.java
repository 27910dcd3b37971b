package io.aihub.bench.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the features and dead-letter topics from the beginning, read_committed, on one thread, and counts what
 * comes out per phase. A feature vector's record timestamp is its reading's event time, so a vector belongs to the
 * latest phase that started at or before it; phases run one after another and each is drained before the next
 * starts. For phases that ask for it, the event-to-feature latency (receive wall time minus event time) of every
 * vector goes into an HdrHistogram, in microseconds.
 *
 * <p>Values are not decoded: counting needs only the record, and the consumer should cost the machine as little as
 * possible while the app is measured.
 */
public final class FeatureDrain implements AutoCloseable {

    private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String featuresTopic;
    private final String deadLetterTopic;
    private final Thread thread;
    private final Object lock = new Object();
    private final List<Phase> phases = new ArrayList<>();
    private long beforeAnyPhase;
    private long deadLetters;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    public FeatureDrain(String bootstrapServers, String featuresTopic, String deadLetterTopic) {
        this.featuresTopic = featuresTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        // a position the broker no longer has fails the run instead of skipping records silently
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "none",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        10_000,
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                        100,
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "bench-feature-drain"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.thread = Thread.ofPlatform().name("bench-feature-drain").daemon().unstarted(this::run);
    }

    /** Assigns every partition of both topics from the beginning and starts reading. */
    public FeatureDrain start() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(featuresTopic, deadLetterTopic)) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread.start();
        return this;
    }

    /**
     * Starts a phase that will produce {@code expected} vectors: vectors with event time at or after
     * {@code startMillis} count for it.
     */
    public Phase beginPhase(String name, long startMillis, long expected, boolean measureLatency) {
        synchronized (lock) {
            if (!phases.isEmpty() && phases.getLast().startMillis > startMillis) {
                throw new IllegalArgumentException("phases must start in time order");
            }
            Phase phase = new Phase(name, startMillis, expected, measureLatency);
            phases.add(phase);
            return phase;
        }
    }

    public long deadLetters() {
        synchronized (lock) {
            return deadLetters;
        }
    }

    /** Vectors received beyond each phase's expected count, summed (0 under exactly-once). */
    public long surplus() {
        synchronized (lock) {
            return phases.stream()
                    .mapToLong(phase -> Math.max(0, phase.received - phase.expected))
                    .sum();
        }
    }

    /** Vectors whose event time is before the first phase (must be 0). */
    public long strays() {
        synchronized (lock) {
            return beforeAnyPhase;
        }
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                long receivedNanos = System.nanoTime();
                Instant received = Instant.now();
                long receivedMicros = received.getEpochSecond() * 1_000_000L + received.getNano() / 1_000;
                synchronized (lock) {
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        if (record.topic().equals(deadLetterTopic)) {
                            deadLetters++;
                            continue;
                        }
                        Phase phase = phaseOf(record.timestamp());
                        if (phase == null) {
                            beforeAnyPhase++;
                            continue;
                        }
                        if (++phase.received == phase.expected) {
                            phase.completedNanos = receivedNanos;
                        }
                        if (phase.latency != null) {
                            long micros = receivedMicros - record.timestamp() * 1_000L;
                            phase.latency.recordValue(Math.clamp(micros, 0, MAX_LATENCY_MICROS));
                            phase.bySecond.merge((record.timestamp() - phase.startMillis) / 1000, micros, Math::max);
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

    private Phase phaseOf(long timestamp) {
        for (int i = phases.size() - 1; i >= 0; i--) {
            Phase phase = phases.get(i);
            if (timestamp >= phase.startMillis) {
                return phase;
            }
        }
        return null;
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

    /** The vectors of one phase. Read only through its methods, which synchronise with the reading thread. */
    public final class Phase {
        private final String name;
        private final long startMillis;
        private final long expected;
        private final Histogram latency;
        private final SortedMap<Long, Long> bySecond = new TreeMap<>();
        private long received;
        private long completedNanos;

        private Phase(String name, long startMillis, long expected, boolean measureLatency) {
            this.name = name;
            this.startMillis = startMillis;
            this.expected = expected;
            this.latency = measureLatency ? new Histogram(MAX_LATENCY_MICROS, 3) : null;
        }

        /**
         * Waits until the expected vectors of this phase have arrived, or until none has arrived for {@code stall};
         * returns the count and when the expected-th one was received (0 if it was not).
         */
        public Drained await(Duration stall, Runnable onProgress) throws InterruptedException {
            long lastCount = -1;
            long lastProgress = System.nanoTime();
            long lastReport = System.nanoTime();
            synchronized (lock) {
                while (received < expected) {
                    if (failure != null) {
                        throw new IllegalStateException("the feature consumer failed", failure);
                    }
                    long now = System.nanoTime();
                    if (received != lastCount) {
                        lastCount = received;
                        lastProgress = now;
                    } else if (now - lastProgress > stall.toNanos()) {
                        break;
                    }
                    if (now - lastReport > TimeUnit.SECONDS.toNanos(5)) {
                        lastReport = now;
                        onProgress.run();
                    }
                    lock.wait(200);
                }
                return new Drained(received, completedNanos);
            }
        }

        public long received() {
            synchronized (lock) {
                return received;
            }
        }

        /** A copy of the latency histogram (microseconds). */
        public Histogram latency() {
            synchronized (lock) {
                if (latency == null) {
                    throw new IllegalStateException("phase " + name + " does not measure latency");
                }
                return latency.copy();
            }
        }

        /** The longest latency (microseconds) of the vectors of each second of event time since the phase began. */
        public SortedMap<Long, Long> maxLatencyBySecond() {
            synchronized (lock) {
                return new TreeMap<>(bySecond);
            }
        }

        public String name() {
            return name;
        }
    }

    /**
     * What a wait ended with: vectors received, and the {@link System#nanoTime()} at which the expected count was
     * reached (0 if it was not).
     */
    public record Drained(long received, long completedNanos) {}
}
