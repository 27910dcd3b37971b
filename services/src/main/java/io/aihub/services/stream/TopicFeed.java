package io.aihub.services.stream;

import io.aihub.services.api.Ids;
import io.aihub.services.api.Violations;
import io.aihub.services.config.AihubProperties;
import io.aihub.services.query.StoreUnavailableException;
import io.aihub.topology.TopicSpec;
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
import org.apache.avro.specific.SpecificRecord;
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
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The instance's one reader of an output topic for its server-sent event stream (e.g. {@code GET /ai/anomalies/stream}
 * of the anomalies topic): a consumer without a group that assigns itself every partition and starts at their ends,
 * so each instance sees every new event, and hands each event to the subscribers of its tenant (never to anyone
 * else's). Events are named {@link #eventName()}, their id is {@code topic-partition-offset}, their data {@link
 * FeedSpec#data} as JSON; a {@code :heartbeat} comment keeps an idle stream open.
 *
 * <p>Started last and stopped first among the application's lifecycle beans (by {@link TopicFeeds}): its position is fixed before the
 * application reports itself started, and open streams end before the web server's graceful shutdown waits for
 * them. An event that cannot be decoded is counted ({@code aihub.<event name>.stream.undecodable}) and logged; it stays
 * in the topic for the offline sink, whose dead-letter handling applies.
 *
 * @param <V> the topic's value type
 */
public final class TopicFeed<V extends SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(TopicFeed.class);
    private static final Duration START_WAIT = Duration.ofSeconds(30);
    private static final Duration OPEN_WAIT = Duration.ofSeconds(10);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

    private final AihubProperties settings;
    private final FeedSpec<V> spec;
    private final String eventName;
    private final TopicSpec<String, V> topic;
    private final JsonMapper json;
    private final FeedSettings feed;
    private final Map<String, Set<StreamSubscriber>> byTenant = new ConcurrentHashMap<>();
    private final AtomicInteger subscribers = new AtomicInteger();
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Counter undecodable;
    private final Counter slowClients;
    private final ExecutorService sender = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("aihub-sse-", 0).factory());
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("aihub-sse-heartbeat").daemon().factory());

    private volatile boolean running;
    private volatile @Nullable KafkaConsumer<byte[], byte[]> consumer;
    private @Nullable Thread poller;

    TopicFeed(
            FeedSpec<V> spec,
            TopicSpec<String, V> topic,
            AihubProperties settings,
            JsonMapper json,
            MeterRegistry meters) {
        this.spec = spec;
        this.eventName = spec.eventName();
        this.settings = settings;
        this.topic = topic;
        this.json = json;
        this.feed = FeedSettings.DEFAULTS;
        this.undecodable = Counter.builder("aihub." + eventName + ".stream.undecodable")
                .description(eventName + " events the stream endpoint could not decode")
                .register(meters);
        this.slowClients = Counter.builder("aihub." + eventName + ".stream.dropped")
                .tag("reason", "slow")
                .description("stream clients disconnected because their buffer was full")
                .register(meters);
        Gauge.builder("aihub." + eventName + ".stream.subscribers", subscribers, AtomicInteger::get)
                .description("open GET " + spec.path() + " responses")
                .register(meters);
    }

    /** A field of the event ({@code tenant_id}, {@code asset_id}: every streamed topic's values have both). */
    private static String field(SpecificRecord event, String name) {
        return String.valueOf(event.get(event.getSchema().getField(name).pos()));
    }

    /** The name of the stream's events. */
    public String eventName() {
        return eventName;
    }

    /**
     * Opens a stream of the events of {@code tenantId} (and {@code assetId}, if given) from now on.
     *
     * @throws io.aihub.services.api.RequestRejectedException 422 naming an invalid or missing id
     */
    public SseEmitter open(@Nullable String tenantId, @Nullable String assetId) {
        Violations violations = new Violations();
        Ids.check(tenantId, "tenant_id", violations);
        if (assetId != null) {
            Ids.check(assetId, "asset_id", violations);
        }
        violations.throwIfAny(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid " + eventName + " stream request");
        awaitPositioned();

        SseEmitter emitter = new SseEmitter(feed.streamTimeout().toMillis());
        var subscriber = new StreamSubscriber(tenantId, assetId, emitter, feed.clientBuffer(), sender);
        emitter.onCompletion(subscriber::ended);
        emitter.onError(e -> subscriber.ended());
        emitter.onTimeout(() -> {
            subscriber.ended();
            emitter.complete();
        });
        subscribe(subscriber);
        // sent at once, so that the client knows the stream is open (events from now on reach it)
        subscriber.offer(StreamSubscriber.Outgoing.comment("connected"));
        return emitter;
    }

    /**
     * Waits (up to {@link #OPEN_WAIT}) until the reader has its positions, so that ":connected" is true: every event
     * written after it reaches the client. A reader not positioned by then (the topic does not exist yet, the broker
     * does not answer) is a 503 to retry, never a stream that silently misses the first events.
     */
    private void awaitPositioned() {
        try {
            if (positioned.await(OPEN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new StoreUnavailableException(
                "Stream not ready",
                "the " + eventName + " stream has not found the end of " + topic.name() + " yet",
                RETRY_BACKOFF.toSeconds(),
                null);
    }

    /** Adds a client; it receives the events read after this call, of its tenant only. */
    void subscribe(StreamSubscriber subscriber) {
        subscriber.onClose(() -> unsubscribe(subscriber));
        byTenant.computeIfAbsent(subscriber.tenantId(), t -> ConcurrentHashMap.newKeySet())
                .add(subscriber);
        subscribers.incrementAndGet();
        if (!running) {
            subscriber.close(StreamSubscriber.Reason.SHUTDOWN);
        }
    }

    private void unsubscribe(StreamSubscriber subscriber) {
        if (subscriber.closeReason() == StreamSubscriber.Reason.SLOW) {
            slowClients.increment();
        }
        byTenant.computeIfPresent(subscriber.tenantId(), (tenant, set) -> {
            if (set.remove(subscriber)) {
                subscribers.decrementAndGet();
            }
            return set.isEmpty() ? null : set;
        });
    }

    /** Positions the reader at the topic's ends (waiting up to 30 s) and starts streaming. */
    public void start() {
        running = true;
        Thread thread = Thread.ofPlatform()
                .name("aihub-" + eventName + "-feed")
                .daemon()
                .unstarted(this::run);
        poller = thread;
        thread.start();
        long heartbeat = feed.heartbeat().toMillis();
        heartbeats.scheduleAtFixedRate(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        try {
            if (!positioned.await(START_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn(
                        "The {} stream has not reached the end of {} after {}; it keeps trying",
                        eventName,
                        topic.name(),
                        START_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends every open stream and the reader. */
    public void stop() {
        running = false;
        stopping.countDown();
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        heartbeats.shutdownNow();
        for (Set<StreamSubscriber> set : byTenant.values()) {
            for (StreamSubscriber subscriber : set) {
                subscriber.close(StreamSubscriber.Reason.SHUTDOWN);
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

    /** Waits {@link #RETRY_BACKOFF} before the reader tries again, or less if {@link #stop} comes first. */
    private void backOff() throws InterruptedException {
        stopping.await(RETRY_BACKOFF.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        Deserializer<V> values = topic.valueSerde().deserializer();
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
                        backOff();
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
                    log.warn(
                            "Reading {} for the {} stream failed; retrying: {}", topic.name(), eventName, e.toString());
                    try {
                        backOff();
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
        log.info("The {} stream reads {} partition(s) of {}", eventName, assigned.size(), topic.name());
        positioned.countDown();
    }

    private void dispatch(ConsumerRecord<byte[], byte[]> record, Deserializer<V> values) {
        if (record.value() == null) {
            return;
        }
        if (byTenant.isEmpty()) {
            return; // nobody listens: not even worth decoding
        }
        V event;
        try {
            event = values.deserialize(record.topic(), record.headers(), record.value());
        } catch (SerializationException e) {
            undecodable.increment();
            log.warn(
                    "{} event {}-{}-{} cannot be decoded; not streamed: {}",
                    eventName,
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.toString());
            return;
        }
        if (event == null) {
            return;
        }
        String tenantId = field(event, "tenant_id");
        Set<StreamSubscriber> tenant = byTenant.get(tenantId);
        if (tenant == null || tenant.isEmpty()) {
            return;
        }
        String id = record.topic() + "-" + record.partition() + "-" + record.offset();
        var outgoing = StreamSubscriber.Outgoing.event(
                eventName, id, json.writeValueAsString(spec.data().apply(event)));
        String assetId = field(event, "asset_id");
        for (StreamSubscriber subscriber : tenant) {
            if (subscriber.wants(tenantId, assetId)) {
                subscriber.offer(outgoing);
            }
        }
    }

    private void heartbeat() {
        var beat = StreamSubscriber.Outgoing.comment("heartbeat");
        for (Set<StreamSubscriber> set : byTenant.values()) {
            for (StreamSubscriber subscriber : set) {
                subscriber.offer(beat);
            }
        }
    }

    private Map<String, Object> consumerConfig() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                settings.kafka().bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG,
                "aihub-" + eventName + "-stream",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "latest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed");
    }
}
