package io.aihub.services.anomaly;

import io.aihub.schemas.AnomalyEvent;
import io.aihub.services.config.AihubProperties;
import io.aihub.topology.TopicSpec;
import io.aihub.topology.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * The instance's one reader of the anomalies topic for {@code GET /ai/anomalies/stream}: a consumer without a group
 * that assigns itself every partition and starts at their ends, so each instance sees every new event, and hands
 * each event to the subscribers of its tenant (never to anyone else's).
 *
 * <p>Starts last and stops first among the application's lifecycle beans: its position is fixed before the
 * application reports itself started, and open streams end before the web server's graceful shutdown waits for
 * them. An event that cannot be decoded is counted ({@code aihub.anomaly.stream.undecodable}) and logged; it stays in
 * the topic for the offline sink, whose dead-letter handling applies.
 */
@Component
class AnomalyFeed implements SmartLifecycle {

    static final String EVENT_NAME = "anomaly";

    private static final Logger log = LoggerFactory.getLogger(AnomalyFeed.class);
    private static final Duration START_WAIT = Duration.ofSeconds(30);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

    private final AihubProperties settings;
    private final TopicSpec<String, AnomalyEvent> topic;
    private final JsonMapper json;
    private final AnomalyFeedSettings feed;
    private final Map<String, Set<AnomalySubscriber>> byTenant = new ConcurrentHashMap<>();
    private final AtomicInteger subscribers = new AtomicInteger();
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final Counter undecodable;
    private final Counter slowClients;
    private final ExecutorService sender = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("aihub-sse-", 0).factory());
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("aihub-sse-heartbeat").daemon().factory());

    private volatile boolean running;
    private volatile @Nullable KafkaConsumer<byte[], byte[]> consumer;
    private @Nullable Thread poller;

    AnomalyFeed(AihubProperties settings, Topics topics, JsonMapper json, MeterRegistry meters) {
        this.settings = settings;
        this.topic = topics.anomalies();
        this.json = json;
        this.feed = AnomalyFeedSettings.DEFAULTS;
        this.undecodable = Counter.builder("aihub.anomaly.stream.undecodable")
                .description("anomaly events the stream endpoint could not decode")
                .register(meters);
        this.slowClients = Counter.builder("aihub.anomaly.stream.dropped")
                .tag("reason", "slow")
                .description("stream clients disconnected because their buffer was full")
                .register(meters);
        Gauge.builder("aihub.anomaly.stream.subscribers", subscribers, AtomicInteger::get)
                .description("open GET /ai/anomalies/stream responses")
                .register(meters);
    }

    AnomalyFeedSettings settings() {
        return feed;
    }

    ExecutorService sender() {
        return sender;
    }

    /** Adds a client; it receives the events read after this call, of its tenant only. */
    void subscribe(AnomalySubscriber subscriber) {
        subscriber.onClose(() -> unsubscribe(subscriber));
        byTenant.computeIfAbsent(subscriber.tenantId(), t -> ConcurrentHashMap.newKeySet())
                .add(subscriber);
        subscribers.incrementAndGet();
        if (!running) {
            subscriber.close(AnomalySubscriber.Reason.SHUTDOWN);
        }
    }

    private void unsubscribe(AnomalySubscriber subscriber) {
        if (subscriber.closeReason() == AnomalySubscriber.Reason.SLOW) {
            slowClients.increment();
        }
        byTenant.computeIfPresent(subscriber.tenantId(), (tenant, set) -> {
            if (set.remove(subscriber)) {
                subscribers.decrementAndGet();
            }
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public void start() {
        running = true;
        Thread thread = Thread.ofPlatform().name("aihub-anomaly-feed").daemon().unstarted(this::run);
        poller = thread;
        thread.start();
        long heartbeat = feed.heartbeat().toMillis();
        heartbeats.scheduleAtFixedRate(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        try {
            if (!positioned.await(START_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn(
                        "The anomaly stream has not reached the end of {} after {}; it keeps trying",
                        topic.name(),
                        START_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        heartbeats.shutdownNow();
        for (Set<AnomalySubscriber> set : byTenant.values()) {
            for (AnomalySubscriber subscriber : set) {
                subscriber.close(AnomalySubscriber.Reason.SHUTDOWN);
            }
        }
        sender.shutdown();
        try {
            Thread thread = poller;
            if (thread != null) {
                thread.join(Duration.ofSeconds(10));
            }
            if (!sender.awaitTermination(5, TimeUnit.SECONDS)) {
                sender.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    private void run() {
        Deserializer<AnomalyEvent> values = topic.valueSerde().deserializer();
        try (var created =
                new KafkaConsumer<>(consumerConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer = created;
            Set<TopicPartition> assigned = new HashSet<>();
            long nextRefresh = System.nanoTime();
            while (running) {
                try {
                    if (System.nanoTime() - nextRefresh >= 0) {
                        assign(created, assigned);
                        nextRefresh = System.nanoTime()
                                + (assigned.isEmpty() ? RETRY_BACKOFF : feed.partitionRefresh()).toNanos();
                    }
                    if (assigned.isEmpty()) {
                        Thread.sleep(RETRY_BACKOFF);
                        continue;
                    }
                    for (ConsumerRecord<byte[], byte[]> record : created.poll(feed.pollTimeout())) {
                        dispatch(record, values);
                    }
                } catch (WakeupException e) {
                    // stop() woke the poll; the loop condition ends it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (KafkaException e) {
                    log.warn("Reading {} for the anomaly stream failed; retrying: {}", topic.name(), e.toString());
                    try {
                        Thread.sleep(RETRY_BACKOFF);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        } finally {
            consumer = null;
            values.close();
        }
    }

    /**
     * Assigns every partition of the topic: at start at their ends (only new events are streamed), later-added ones at
     * their beginnings (all their events are new). Positions are resolved at once, so that an event written after
     * this returns is never skipped.
     */
    private void assign(KafkaConsumer<byte[], byte[]> consumer, Set<TopicPartition> assigned) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            return;
        }
        List<TopicPartition> added = new ArrayList<>();
        for (PartitionInfo info : infos) {
            var partition = new TopicPartition(info.topic(), info.partition());
            if (!assigned.contains(partition)) {
                added.add(partition);
            }
        }
        if (added.isEmpty()) {
            return;
        }
        boolean initial = assigned.isEmpty();
        var all = new ArrayList<TopicPartition>(assigned);
        all.addAll(added);
        consumer.assign(all);
        if (initial) {
            consumer.seekToEnd(added);
        } else {
            consumer.seekToBeginning(added);
        }
        for (TopicPartition partition : added) {
            consumer.position(partition, Duration.ofSeconds(10));
        }
        assigned.addAll(added);
        log.info("The anomaly stream reads {} partition(s) of {}", assigned.size(), topic.name());
        positioned.countDown();
    }

    private void dispatch(ConsumerRecord<byte[], byte[]> record, Deserializer<AnomalyEvent> values) {
        if (record.value() == null) {
            return;
        }
        if (byTenant.isEmpty()) {
            return; // nobody listens: not even worth decoding
        }
        AnomalyEvent event;
        try {
            event = values.deserialize(record.topic(), record.headers(), record.value());
        } catch (SerializationException e) {
            undecodable.increment();
            log.warn(
                    "Anomaly event {}-{}-{} cannot be decoded; not streamed: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.toString());
            return;
        }
        if (event == null) {
            return;
        }
        Set<AnomalySubscriber> tenant = byTenant.get(event.getTenantId());
        if (tenant == null || tenant.isEmpty()) {
            return;
        }
        String id = record.topic() + "-" + record.partition() + "-" + record.offset();
        String data = json.writeValueAsString(StreamedAnomaly.of(event));
        var outgoing = AnomalySubscriber.Outgoing.event(id, data);
        for (AnomalySubscriber subscriber : tenant) {
            if (subscriber.wants(event.getTenantId(), event.getAssetId())) {
                subscriber.offer(outgoing);
            }
        }
    }

    private void heartbeat() {
        var beat = AnomalySubscriber.Outgoing.comment("heartbeat");
        for (Set<AnomalySubscriber> set : byTenant.values()) {
            for (AnomalySubscriber subscriber : set) {
                subscriber.offer(beat);
            }
        }
    }

    private Map<String, Object> consumerConfig() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafka().bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, "aihub-anomaly-stream",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }
}
