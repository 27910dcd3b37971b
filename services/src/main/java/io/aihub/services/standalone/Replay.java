package io.aihub.services.standalone;

import io.aihub.schemas.TelemetryReading;
import io.aihub.services.standalone.ReplayData.Series;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays the demo data to the telemetry topic as if it were happening now.
 *
 * <p>Every series (file) is shifted in time so that its reading at {@code backfill} after its first reading lands
 * at the moment the replay starts. Everything up to that moment (the back-fill) is sent at once; the rest follows
 * paced at {@code speed} times real time: the reading {@code d} after the start is sent {@code d / speed} after
 * it. Event times keep the data's own spacing, so at a speed above 1 they run ahead of the wall clock (at 60, one
 * hour of data per minute: after ten minutes the newest event is about ten hours in the future). The broker is
 * configured to accept such timestamps. Keys are {@code tenant_id:asset_id}, the record timestamp is the event
 * time. The replay ends by itself when the data ends, or on {@link #close()}.
 */
public final class Replay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Replay.class);

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);
    private static final long MAX_WAIT_MILLIS = 1_000;

    /**
     * What to replay and how fast.
     *
     * @param dataRoot the folder holding {@code ett/} and {@code nab/}
     * @param topic the telemetry topic
     * @param backfill how much of each series' start is sent at once, ending at "now"
     * @param speed how many seconds of data are sent per second of wall-clock time after the back-fill
     */
    public record Settings(Path dataRoot, String topic, Duration backfill, double speed) {
        /** 13 days: enough for {@code POST /ml/forecasts/train} (216 h + a 48 h held-back tail), within the 14-day retention. */
        public static final Duration BACKFILL_DEFAULT = Duration.ofDays(13);

        public static final double SPEED_DEFAULT = 60;

        public Settings {
            if (backfill.isNegative()) {
                throw new IllegalArgumentException("AIHUB_DEMO_BACKFILL must not be negative, was " + backfill);
            }
            if (!(speed > 0) || Double.isInfinite(speed)) {
                throw new IllegalArgumentException("AIHUB_DEMO_SPEED must be a positive number, was " + speed);
            }
            if (topic.isBlank()) {
                throw new IllegalArgumentException("the telemetry topic must not be blank");
            }
        }
    }

    /** One reading of the replay with its shifted event time. */
    private record Scheduled(long eventMillis, String tenant, String asset, String metric, double value) {}

    private final Settings settings;
    private final Producer<String, TelemetryReading> producer;
    private final InstantSource clock;
    private final List<Scheduled> schedule;
    private final long startMillis;
    private final int backfillCount;
    private final Map<String, TenantProgress> progress = new TreeMap<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread thread;

    private Replay(
            Settings settings, List<Series> series, Producer<String, TelemetryReading> producer, InstantSource clock) {
        this.settings = settings;
        this.producer = producer;
        this.clock = clock;
        this.startMillis = clock.millis();
        this.schedule = schedule(series, startMillis, settings.backfill());
        int backfilled = 0;
        while (backfilled < schedule.size() && schedule.get(backfilled).eventMillis() <= startMillis) {
            backfilled++;
        }
        this.backfillCount = backfilled;
        series.forEach(s -> progress.computeIfAbsent(s.tenant(), TenantProgress::new));
        this.thread = Thread.ofPlatform().name("demo-replay").daemon().unstarted(this::run);
    }

    /**
     * Loads the data and starts replaying it on a background thread; the replay owns {@code producer} and closes
     * it.
     */
    public static Replay start(Settings settings, Producer<String, TelemetryReading> producer, InstantSource clock) {
        List<Series> series;
        try {
            series = ReplayData.load(settings.dataRoot());
        } catch (IOException e) {
            producer.close(Duration.ZERO);
            throw new UncheckedIOException("cannot read the demo data under " + settings.dataRoot(), e);
        }
        var replay = new Replay(settings, series, producer, clock);
        replay.thread.start();
        return replay;
    }

    /** A producer for the replay: string keys, Avro values through {@code serdes}, batched. */
    public static Producer<String, TelemetryReading> producer(String bootstrapServers, ApicurioSerdes serdes) {
        return new KafkaProducer<>(
                Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "aihub-demo-replay",
                        ProducerConfig.LINGER_MS_CONFIG,
                        20,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        256 * 1024,
                        ProducerConfig.COMPRESSION_TYPE_CONFIG,
                        "lz4"),
                new StringSerializer(),
                serdes.value(TelemetryReading.class).serializer());
    }

    /**
     * How far a series' timestamps are moved so that its first {@code backfill} of data ends at {@code startMillis}
     * (replayed event time = data time + shift).
     */
    public static long shift(Series series, long startMillis, Duration backfill) {
        return startMillis - (series.firstMillis() + backfill.toMillis());
    }

    private static List<Scheduled> schedule(List<Series> series, long startMillis, Duration backfill) {
        var scheduled = new ArrayList<Scheduled>();
        for (Series s : series) {
            long shift = shift(s, startMillis, backfill);
            for (var point : s.points()) {
                scheduled.add(
                        new Scheduled(point.millis() + shift, s.tenant(), s.asset(), point.metric(), point.value()));
            }
        }
        scheduled.sort(Comparator.comparingLong(Scheduled::eventMillis));
        return List.copyOf(scheduled);
    }

    private void run() {
        try {
            LOG.info(
                    "Replay starting: {} readings of {} tenants to topic '{}', back-fill {} ({} readings), then {}x real time",
                    schedule.size(),
                    progress.size(),
                    settings.topic(),
                    human(settings.backfill()),
                    backfillCount,
                    settings.speed());
            long nextProgress = clock.millis() + PROGRESS_EVERY.toMillis();
            for (int i = 0; i < schedule.size(); i++) {
                var reading = schedule.get(i);
                if (i >= backfillCount && !awaitDue(reading)) {
                    break;
                }
                if (stop.getCount() == 0) {
                    break;
                }
                send(reading);
                if (i + 1 == backfillCount) {
                    producer.flush();
                    logProgress("back-fill sent");
                }
                if (clock.millis() >= nextProgress) {
                    logProgress("progress");
                    nextProgress = clock.millis() + PROGRESS_EVERY.toMillis();
                }
            }
            producer.flush();
            logProgress(stop.getCount() == 0 ? "stopped" : "data exhausted, replay finished");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            logProgress("interrupted");
        } catch (KafkaException e) {
            LOG.error("Replay aborted: the producer failed", e);
            logProgress("aborted");
        } finally {
            finished.countDown();
        }
    }

    /** Waits until the reading is due; false when the replay was stopped meanwhile. */
    private boolean awaitDue(Scheduled reading) throws InterruptedException {
        long dueMillis = startMillis + (long) ((reading.eventMillis() - startMillis) / settings.speed());
        while (true) {
            long wait = dueMillis - clock.millis();
            if (wait <= 0) {
                return true;
            }
            if (stop.await(Math.min(wait, MAX_WAIT_MILLIS), TimeUnit.MILLISECONDS)) {
                return false;
            }
        }
    }

    private void send(Scheduled reading) {
        var value = TelemetryReading.newBuilder()
                .setTenantId(reading.tenant())
                .setAssetId(reading.asset())
                .setMetric(reading.metric())
                .setTimestamp(Instant.ofEpochMilli(reading.eventMillis()))
                .setValue(reading.value())
                .setQuality(1)
                .build();
        var tenant = progress.get(reading.tenant());
        tenant.latestEventMillis.accumulateAndGet(reading.eventMillis(), Math::max);
        producer.send(
                new ProducerRecord<>(
                        settings.topic(), null, reading.eventMillis(), reading.tenant() + ":" + reading.asset(), value),
                (metadata, exception) -> {
                    if (exception == null) {
                        tenant.sent.incrementAndGet();
                    } else if (tenant.failed.getAndIncrement() == 0) {
                        LOG.warn(
                                "Replay [{}]: a reading could not be sent (counted; further failures only counted)",
                                tenant.tenant,
                                exception);
                    }
                });
    }

    /** One log line per tenant, never a line mixing tenants. */
    private void logProgress(String phase) {
        for (TenantProgress tenant : progress.values()) {
            long latest = tenant.latestEventMillis.get();
            LOG.info(
                    "Replay [{}] {}: {} readings sent, {} failed, latest event time {}",
                    tenant.tenant,
                    phase,
                    tenant.sent.get(),
                    tenant.failed.get(),
                    latest == Long.MIN_VALUE ? "-" : Instant.ofEpochMilli(latest));
        }
    }

    /** {@code 8d}, {@code 36h}, else ISO-8601: how the settings are written. */
    static String human(Duration duration) {
        if (!duration.isZero() && duration.toHours() * 3_600_000 == duration.toMillis()) {
            return duration.toHours() % 24 == 0 ? duration.toDays() + "d" : duration.toHours() + "h";
        }
        return duration.toString();
    }

    /** Readings acknowledged by the broker so far, per tenant. */
    public Map<String, Long> sentByTenant() {
        var sent = new TreeMap<String, Long>();
        progress.forEach((tenant, p) -> sent.put(tenant, p.sent.get()));
        return sent;
    }

    /** How many readings the back-fill holds (all sent at once at the start). */
    public int backfillSize() {
        return backfillCount;
    }

    /** How many readings the whole replay holds. */
    public int size() {
        return schedule.size();
    }

    /** The wall-clock moment the replay was rebased to. */
    public Instant startedAt() {
        return Instant.ofEpochMilli(startMillis);
    }

    /** Waits until the data is exhausted or the replay stopped; true if it ended within the timeout. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops sending, flushes what was sent and closes the producer. Idempotent. */
    @Override
    public void close() {
        stop.countDown();
        try {
            if (!finished.await(10, TimeUnit.SECONDS)) {
                thread.interrupt();
            }
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
        } finally {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private static final class TenantProgress {
        final String tenant;
        final AtomicLong sent = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong latestEventMillis = new AtomicLong(Long.MIN_VALUE);

        TenantProgress(String tenant) {
            this.tenant = tenant;
        }
    }
}
