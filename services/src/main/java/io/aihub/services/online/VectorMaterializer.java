package io.aihub.services.online;

import io.aihub.schemas.FeatureVector;
import io.aihub.services.config.AihubProperties;
import io.aihub.topology.Topics;
import io.lettuce.core.RedisException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Materialises the {@code features} topic to Redis with a consumer of its own (group {@code
 * <AIHUB_STREAMS_APPLICATION_ID>-redis-online}, one thread per instance; the instances of an application share the
 * partitions). The stream threads never wait on Redis: they only write the topic, as they do anyway.
 *
 * <p>Each poll's vectors go to Redis in pipelined batches of {@code AIHUB_REDIS_BATCH}; their offsets are committed
 * (asynchronously) only once Redis has acknowledged every one of them. When Redis refuses or does not answer, the consumer seeks back
 * to the first unacknowledged vector of each partition, pauses its partitions and retries after a doubling wait
 * (100 ms up to {@code AIHUB_REDIS_MAX_BACKOFF}, the wait being a {@code poll} of the paused consumer, which keeps it
 * in its group); when Redis answers again it catches up from there. A vector applied twice is recognised by its offset
 * and skipped. A new group starts at the end of the topic: Redis holds the vectors computed from then on.
 */
@Component
class VectorMaterializer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(VectorMaterializer.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration START_WAIT = Duration.ofSeconds(30);
    private static final Duration KAFKA_RETRY = Duration.ofSeconds(1);

    private final RedisOnlineStore store;
    private final AihubProperties settings;
    private final Topics topics;
    private final Counter undecodable;
    private final Counter failures;
    private final Timer lag;
    private final Timer received;
    private final MaterialisationLatency latency;
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running;
    private volatile boolean redisDown;
    private volatile @Nullable KafkaConsumer<byte[], byte[]> consumer;
    private @Nullable Thread poller;

    VectorMaterializer(
            RedisOnlineStore store,
            AihubProperties settings,
            Topics topics,
            MeterRegistry meters,
            MaterialisationLatency latency) {
        this.store = store;
        this.latency = latency;
        this.settings = settings;
        this.topics = topics;
        this.undecodable = Counter.builder("aihub.redis.vectors.undecodable")
                .description("feature vectors the online store could not decode (skipped)")
                .register(meters);
        this.failures = Counter.builder("aihub.redis.batch.failures")
                .description("batches Redis refused or did not acknowledge in time (retried)")
                .register(meters);
        this.lag = Timer.builder("aihub.redis.materialise.lag")
                .description("wall-clock time of Redis' acknowledgement minus the reading's event time (meaningful for"
                        + " live readings)")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        this.received = Timer.builder("aihub.redis.received.lag")
                .description("wall-clock time the online store's consumer received a vector minus the reading's event"
                        + " time: the stream's share of aihub.redis.materialise.lag")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    @Override
    public void start() {
        if (!store.enabled()) {
            log.info("Redis online store disabled (AIHUB_REDIS_URL); features are served from the state stores");
            return;
        }
        running = true;
        Thread thread = Thread.ofPlatform().name("aihub-redis-online").daemon().unstarted(this::run);
        poller = thread;
        thread.start();
        try {
            if (!assigned.await(START_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn(
                        "The Redis online store has no partitions of {} after {}",
                        topics.features().name(),
                        START_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        stopping.countDown();
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread thread = poller;
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        Deserializer<FeatureVector> values = topics.features().valueSerde().deserializer();
        try (var created =
                new KafkaConsumer<>(consumerConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer = created;
            try {
                store.connect();
            } catch (OnlineStoreException e) {
                redisDown = true; // the rebalance listener pauses the partitions; run() retries
                log.warn("Redis online store unreachable at start; serving from the state stores: {}", e.getMessage());
            }
            created.subscribe(List.of(topics.features().name()), new Rebalance(created));
            Duration backoff = FIRST_BACKOFF;
            while (running) {
                try {
                    if (redisDown) {
                        created.poll(backoff); // every partition is paused: a wait that keeps the group membership
                        backoff = retry(created, backoff);
                        continue;
                    }
                    ConsumerRecords<byte[], byte[]> records = created.poll(POLL);
                    if (!records.isEmpty() && !materialise(created, records, values)) {
                        redisDown = true;
                        created.pause(created.assignment());
                    }
                } catch (WakeupException e) {
                    // stop() woke the poll; the loop condition ends it
                } catch (KafkaException e) {
                    log.warn(
                            "Reading {} for the Redis online store failed; retrying in {}: {}",
                            topics.features().name(),
                            KAFKA_RETRY,
                            e.toString());
                    if (stoppedWithin(KAFKA_RETRY)) {
                        return;
                    }
                }
            }
        } finally {
            consumer = null;
            values.close();
        }
    }

    /** Waits {@code wait} unless stop() is called first; true if it was (or the thread was interrupted). */
    private boolean stoppedWithin(Duration wait) {
        try {
            return stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** One attempt to reach Redis again; the next wait. */
    private Duration retry(KafkaConsumer<byte[], byte[]> created, Duration backoff) {
        try {
            store.connect();
        } catch (OnlineStoreException e) {
            Duration next = backoff.multipliedBy(2);
            return next.compareTo(settings.redis().maxBackoff()) > 0
                    ? settings.redis().maxBackoff()
                    : next;
        }
        redisDown = false;
        created.resume(created.paused());
        log.info("Redis is back ({}); the online store catches up from the last acknowledged vector", store.describe());
        return FIRST_BACKOFF;
    }

    /**
     * Applies a poll's vectors in acknowledged batches and commits what Redis acknowledged.
     *
     * @return false if a batch failed: the consumer was sought back to the first unacknowledged vector
     */
    private boolean materialise(
            KafkaConsumer<byte[], byte[]> created,
            ConsumerRecords<byte[], byte[]> records,
            Deserializer<FeatureVector> values) {
        long polledAt = System.currentTimeMillis();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            long millis = Math.max(0, polledAt - record.timestamp());
            received.record(millis, TimeUnit.MILLISECONDS);
            latency.received(millis);
        }
        Map<TopicPartition, Long> firstOffsets = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> acknowledged = new HashMap<>();
        List<ConsumerRecord<byte[], byte[]>> pending =
                new ArrayList<>(settings.redis().batch());
        boolean ok = true;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            firstOffsets.putIfAbsent(new TopicPartition(record.topic(), record.partition()), record.offset());
            pending.add(record);
            if (pending.size() == settings.redis().batch()) {
                ok = send(pending, values, acknowledged);
                if (!ok) {
                    break;
                }
                pending.clear();
            }
        }
        if (ok && !pending.isEmpty()) {
            ok = send(pending, values, acknowledged);
        }
        if (!acknowledged.isEmpty()) {
            // asynchronous: a commit that is lost (a rebalance, a crash) only makes the next owner apply some vectors
            // again, which the script recognises by their offsets and skips
            created.commitAsync(acknowledged, (offsets, e) -> {
                if (e != null) {
                    log.debug(
                            "Committing the online store's offsets failed; the next commit covers them: {}",
                            e.toString());
                }
            });
        }
        if (!ok) {
            for (var first : firstOffsets.entrySet()) {
                if (created.assignment().contains(first.getKey())) {
                    OffsetAndMetadata done = acknowledged.get(first.getKey());
                    created.seek(first.getKey(), done == null ? first.getValue() : done.offset());
                }
            }
        }
        return ok;
    }

    private boolean send(
            List<ConsumerRecord<byte[], byte[]>> records,
            Deserializer<FeatureVector> values,
            Map<TopicPartition, OffsetAndMetadata> acknowledged) {
        List<RedisOnlineStore.Write> writes = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            FeatureVector vector = decode(record, values);
            if (vector != null) {
                writes.add(new RedisOnlineStore.Write(record.partition(), record.offset(), vector));
            }
        }
        try {
            if (!writes.isEmpty()) {
                store.apply(writes)
                        .get(RedisOnlineStore.writeTimeout(settings.redis()).toMillis() + 1000, TimeUnit.MILLISECONDS);
                long now = System.currentTimeMillis();
                for (RedisOnlineStore.Write write : writes) {
                    long millis =
                            Math.max(0, now - write.vector().getTimestamp().toEpochMilli());
                    lag.record(millis, TimeUnit.MILLISECONDS);
                    latency.acknowledged(millis);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return false;
        } catch (OnlineStoreException | RedisException | ExecutionException | TimeoutException e) {
            failures.increment();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            log.warn(
                    "Redis did not acknowledge {} vector(s) ({}); serving from the state stores, retrying: {}",
                    writes.size(),
                    store.describe(),
                    String.valueOf(cause));
            return false;
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
            acknowledged.put(
                    new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        return true;
    }

    private @Nullable FeatureVector decode(ConsumerRecord<byte[], byte[]> record, Deserializer<FeatureVector> values) {
        if (record.value() == null) {
            return null;
        }
        try {
            return values.deserialize(record.topic(), record.headers(), record.value());
        } catch (SerializationException e) {
            undecodable.increment();
            log.warn(
                    "Feature vector {}-{}-{} cannot be decoded; not materialised to Redis: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.toString());
            return null;
        }
    }

    private Map<String, Object> consumerConfig() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                settings.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                settings.streams().applicationId() + "-redis-online",
                ConsumerConfig.CLIENT_ID_CONFIG,
                settings.streams().applicationId() + "-redis-online",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "latest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                Math.max(500, settings.redis().batch()));
    }

    /** Keeps new partitions paused while Redis is down, and releases {@link #start()} once positioned. */
    private final class Rebalance implements ConsumerRebalanceListener {

        private final KafkaConsumer<byte[], byte[]> owner;

        Rebalance(KafkaConsumer<byte[], byte[]> owner) {
            this.owner = owner;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // offsets are committed after every acknowledged poll; one still in flight only means re-applied vectors
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                owner.position(
                        partition, Duration.ofSeconds(10)); // resolve "latest" now: nothing after start is skipped
            }
            if (redisDown) {
                owner.pause(partitions);
            }
            assigned.countDown();
        }
    }
}
