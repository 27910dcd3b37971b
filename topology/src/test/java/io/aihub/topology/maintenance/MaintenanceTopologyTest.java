package io.aihub.topology.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.aihub.schemas.AlarmEvent;
import io.aihub.schemas.AlarmSeverity;
import io.aihub.schemas.AnomalyEvent;
import io.aihub.schemas.AssetEvent;
import io.aihub.schemas.DeadLetter;
import io.aihub.schemas.DeadLetterReason;
import io.aihub.schemas.TelemetryReading;
import io.aihub.schemas.WorkOrderEvent;
import io.aihub.schemas.WorkOrderPriority;
import io.aihub.schemas.WorkOrderStatus;
import io.aihub.schemas.WorkOrderType;
import io.aihub.topology.SerdeFactory;
import io.aihub.topology.Topics;
import io.aihub.topology.TopologyDrivers;
import io.aihub.topology.catalog.FeatureCatalog;
import io.aihub.topology.features.SeriesKey;
import io.aihub.topology.maintenance.MaintenanceReference.Reading;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random assets, work orders (several versions each, some arriving out of order), alarms and readings (with spikes,
 * so that the stream emits anomalies) of two tenants that use the same asset id, through the whole application
 * topology; at checkpoints every row of every view is compared with {@link MaintenanceReference} over the events sent.
 */
class MaintenanceTopologyTest {

    static final long H = MaintenanceReference.H;
    static final long D = MaintenanceReference.D;
    static final long START = Instant.parse("2024-03-04T00:00:00Z").toEpochMilli();
    static final List<String> METRICS = List.of("power", "voltage", "current", "temperature", "frequency", "humidity");
    static final List<String> ENTITIES = List.of("t1:a1", "t1:a2", "t2:a1");
    static final List<String> WITH_TELEMETRY = List.of("t1:a1", "t2:a1");

    @TempDir
    Path dir;

    /** One event to send, at its event time. */
    record Event(long t, String entity, Object value) {}

    final Topics topics = Topics.of("", SerdeFactory.plainAvro());
    final Map<String, List<Reading>> readings = new HashMap<>();
    final Map<String, List<AssetEvent>> assets = new HashMap<>();
    final Map<String, List<WorkOrderEvent>> workOrders = new HashMap<>();
    final Map<String, List<AlarmEvent>> alarms = new HashMap<>();
    final Map<String, List<AnomalyEvent>> anomalies = new HashMap<>();

    @Test
    void shouldKeepEveryViewAsTheReferenceComputesItFromTheEventsSent() throws Exception {
        List<Event> events = randomEvents(new Random(42));
        try (TopologyTestDriver driver = TopologyDrivers.open(
                TopologyDrivers.application(FeatureCatalog.loadDefault(), topics), topics, "maint-ref", dir, START)) {
            var telemetry = TopologyDrivers.input(driver, topics.telemetry());
            var assetIn = TopologyDrivers.input(driver, topics.assets());
            var woIn = TopologyDrivers.input(driver, topics.workOrders());
            var alarmIn = TopologyDrivers.input(driver, topics.alarms());
            var anomalyOut = TopologyDrivers.output(driver, topics.anomalies());
            int compared = 0;
            long nextCheckpoint = START + 12 * D;
            for (Event e : events) {
                if (e.t() >= nextCheckpoint) {
                    collectAnomalies(anomalyOut.readValuesToList());
                    compared += compareAll(driver);
                    nextCheckpoint += 12 * D;
                }
                String[] ids = e.entity().split(":");
                switch (e.value()) {
                    case Reading r -> {
                        telemetry.pipeInput(
                                e.entity(),
                                new TelemetryReading(
                                        ids[0], ids[1], r.metric(), Instant.ofEpochMilli(r.t()), r.value(), 1, null));
                        readings.computeIfAbsent(e.entity(), k -> new ArrayList<>())
                                .add(r);
                    }
                    case AssetEvent a -> {
                        assetIn.pipeInput(e.entity(), a);
                        assets.computeIfAbsent(e.entity(), k -> new ArrayList<>())
                                .add(a);
                    }
                    case WorkOrderEvent w -> {
                        woIn.pipeInput(e.entity(), w);
                        workOrders
                                .computeIfAbsent(e.entity(), k -> new ArrayList<>())
                                .add(w);
                    }
                    case AlarmEvent a -> {
                        alarmIn.pipeInput(e.entity(), a);
                        alarms.computeIfAbsent(e.entity(), k -> new ArrayList<>())
                                .add(a);
                    }
                    default -> throw new IllegalStateException("unexpected " + e);
                }
            }
            collectAnomalies(anomalyOut.readValuesToList());
            compared += compareAll(driver);
            assertThat(compared).as("rows compared").isGreaterThan(20);
            assertThat(anomalies.values().stream().mapToInt(List::size).sum())
                    .as("anomalies the stream emitted")
                    .isPositive();
        }
    }

    @Test
    void shouldDeadLetterAWorkOrderKeyedByAnotherAssetAndKeepNothingOfIt() throws Exception {
        try (TopologyTestDriver driver = TopologyDrivers.open(
                TopologyDrivers.application(FeatureCatalog.loadDefault(), topics), topics, "maint-dlq", dir, START)) {
            var woIn = TopologyDrivers.input(driver, topics.workOrders());
            var deadLetters = TopologyDrivers.output(driver, topics.deadLetter());
            woIn.pipeInput(
                    "t1:other",
                    workOrder("t1", "a1", "wo-1", START, START, WorkOrderType.CORRECTIVE, WorkOrderStatus.OPEN, null));

            DeadLetter letter = deadLetters.readValue();
            assertThat(letter.getReasonCode()).isEqualTo(DeadLetterReason.INVALID_KEY);
            assertThat(letter.getReason()).contains("t1:other").contains("t1:a1");
            assertThat(letter.getSourceTopic()).isEqualTo("work-orders");
            assertThat(views(driver).row(MaintenanceView.WORK_ORDER_FEATURES, "t1", "a1"))
                    .isEmpty();
        }
    }

    private int compareAll(TopologyTestDriver driver) {
        MaintenanceViews views = views(driver);
        int compared = 0;
        for (String entity : ENTITIES) {
            String[] ids = entity.split(":");
            for (MaintenanceView view : MaintenanceView.values()) {
                long[] time = {Long.MIN_VALUE};
                Map<String, @Nullable Object> expected = switch (view) {
                    case ASSET_FEATURES ->
                        MaintenanceReference.assetFeatures(
                                list(assets, entity), list(workOrders, entity), list(alarms, entity), time);
                    case WORK_ORDER_FEATURES -> MaintenanceReference.workOrderFeatures(list(workOrders, entity), time);
                    case TELEMETRY_FEATURES ->
                        MaintenanceReference.telemetryFeatures(
                                list(readings, entity), list(assets, entity), list(anomalies, entity), time);
                };
                var actual = views.row(view, ids[0], ids[1]);
                if (expected == null) {
                    assertThat(actual).as("%s of %s", view, entity).isEmpty();
                    continue;
                }
                assertThat(actual).as("%s of %s", view, entity).isPresent();
                assertThat(actual.get().eventTime())
                        .as("event time of %s of %s", view, entity)
                        .isEqualTo(time[0]);
                assertThat(actual.get().values().keySet()).containsExactlyElementsOf(view.features());
                for (String feature : view.features()) {
                    Object want = expected.get(feature);
                    Object got = actual.get().values().get(feature);
                    if (want instanceof Double w && got instanceof Double g) {
                        assertThat(g)
                                .as("%s %s %s", entity, view, feature)
                                .isCloseTo(w, within(1e-9 * Math.max(1, Math.abs(w))));
                    } else {
                        assertThat(got).as("%s %s %s", entity, view, feature).isEqualTo(want);
                    }
                }
                compared++;
            }
        }
        return compared;
    }

    private MaintenanceViews views(TopologyTestDriver driver) {
        @SuppressWarnings("unchecked")
        ReadOnlyKeyValueStore<Bytes, byte[]>[] stores = new ReadOnlyKeyValueStore[MaintenanceViews.STORES.length];
        for (int i = 0; i < stores.length; i++) {
            stores[i] = driver.getKeyValueStore(MaintenanceViews.STORES[i]);
        }
        return MaintenanceViews.of(stores);
    }

    private void collectAnomalies(List<AnomalyEvent> emitted) {
        for (AnomalyEvent a : emitted) {
            anomalies
                    .computeIfAbsent(SeriesKey.partitionKey(a.getTenantId(), a.getAssetId()), k -> new ArrayList<>())
                    .add(a);
        }
    }

    private static <T> List<T> list(Map<String, List<T>> map, String entity) {
        return map.getOrDefault(entity, List.of());
    }

    private static List<Event> randomEvents(Random rnd) {
        var out = new ArrayList<Event>();
        for (String entity : WITH_TELEMETRY) {
            double scale = entity.startsWith("t1") ? 100 : 40;
            for (long hour = START; hour < START + 40 * D; hour += H) {
                if (rnd.nextDouble() < 0.15) {
                    continue; // an hour without any reading (availability)
                }
                for (String metric : METRICS) {
                    if (rnd.nextDouble() < 0.4) {
                        continue;
                    }
                    long minute = rnd.nextInt(30);
                    int n = 1 + rnd.nextInt(2);
                    for (int i = 0; i < n; i++) {
                        double daily = Math.sin(2 * Math.PI * ((hour / H) % 24) / 24.0);
                        double x = scale * (1.5 + daily) + rnd.nextGaussian() * scale * 0.05;
                        if (rnd.nextDouble() < 0.01) {
                            x *= 8; // a spike the detectors flag
                        }
                        long t = hour + (minute + 30L * i) * 60_000L;
                        out.add(new Event(t, entity, new Reading(t, metric, x)));
                    }
                }
            }
        }
        for (String entity : ENTITIES) {
            String[] ids = entity.split(":");
            if (!entity.equals("t1:a2")) {
                for (int v = 0; v < 4; v++) {
                    long t = START + v * 11 * D + rnd.nextInt(24) * H;
                    out.add(new Event(
                            t,
                            entity,
                            new AssetEvent(
                                    ids[0],
                                    ids[1],
                                    Instant.ofEpochMilli(t),
                                    "site-1",
                                    v % 2 == 0 ? "inverter" : "transformer",
                                    v == 3 ? "degraded" : "operational",
                                    "Acme",
                                    "X" + v,
                                    v == 0 ? null : 50.0 + 10 * v + (entity.startsWith("t2") ? 7 : 0),
                                    Instant.parse("2019-0" + (1 + v) + "-1" + v + "T06:00:00Z"),
                                    90.0 - v)));
                }
            }
            int count = 25 + rnd.nextInt(10);
            for (int i = 0; i < count; i++) {
                long created = START - 150 * D + (long) (rnd.nextDouble() * 190 * D);
                WorkOrderType type = WorkOrderType.values()[rnd.nextInt(WorkOrderType.values().length)];
                String id = "wo-" + i;
                Instant due = rnd.nextBoolean() ? Instant.ofEpochMilli(created + (1 + rnd.nextInt(10)) * D) : null;
                WorkOrderEvent opened =
                        workOrder(ids[0], ids[1], id, created, created, type, WorkOrderStatus.OPEN, null);
                opened.setDueAt(due);
                opened.setPriority(WorkOrderPriority.values()[rnd.nextInt(4)]);
                opened.setFailureCode(type == WorkOrderType.CORRECTIVE ? "F" + rnd.nextInt(3) : null);
                out.add(new Event(Math.max(START, created), entity, opened));
                double fate = rnd.nextDouble();
                if (fate < 0.7) {
                    long done = created + (1 + rnd.nextInt(200)) * H;
                    WorkOrderEvent completed = WorkOrderEvent.newBuilder(opened)
                            .setTimestamp(Instant.ofEpochMilli(done))
                            .setStatus(WorkOrderStatus.COMPLETED)
                            .setCompletedAt(Instant.ofEpochMilli(done))
                            .build();
                    out.add(new Event(Math.max(START, done), entity, completed));
                    if (rnd.nextDouble() < 0.2) {
                        // the open version again, after the completion: older event time, so it must not win
                        out.add(new Event(Math.max(START, done) + H, entity, opened));
                    }
                } else if (fate < 0.8) {
                    long cancelled = created + rnd.nextInt(48) * H;
                    out.add(new Event(
                            Math.max(START, cancelled),
                            entity,
                            WorkOrderEvent.newBuilder(opened)
                                    .setTimestamp(Instant.ofEpochMilli(cancelled))
                                    .setStatus(WorkOrderStatus.CANCELLED)
                                    .build()));
                }
            }
            for (int i = 0; i < 40; i++) {
                long t = START - 20 * D + (long) (rnd.nextDouble() * 60 * D);
                out.add(new Event(
                        Math.max(START, t),
                        entity,
                        new AlarmEvent(
                                ids[0],
                                ids[1],
                                "al-" + i,
                                Instant.ofEpochMilli(t),
                                AlarmSeverity.values()[rnd.nextInt(4)],
                                "C" + rnd.nextInt(5),
                                null)));
            }
        }
        out.sort(Comparator.comparingLong(Event::t));
        return out;
    }

    static WorkOrderEvent workOrder(
            String tenant,
            String asset,
            String id,
            long timestamp,
            long created,
            WorkOrderType type,
            WorkOrderStatus status,
            @Nullable Long completed) {
        return new WorkOrderEvent(
                tenant,
                asset,
                id,
                Instant.ofEpochMilli(timestamp),
                type,
                WorkOrderPriority.MEDIUM,
                status,
                Instant.ofEpochMilli(created),
                null,
                completed == null ? null : Instant.ofEpochMilli(completed),
                null);
    }
}
