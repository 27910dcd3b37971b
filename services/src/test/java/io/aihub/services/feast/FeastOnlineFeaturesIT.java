package io.aihub.services.feast;

import static io.aihub.services.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.aihub.schemas.AlarmEvent;
import io.aihub.schemas.AlarmSeverity;
import io.aihub.schemas.AssetEvent;
import io.aihub.schemas.DeadLetter;
import io.aihub.schemas.DeadLetterReason;
import io.aihub.schemas.TelemetryReading;
import io.aihub.schemas.WorkOrderEvent;
import io.aihub.schemas.WorkOrderPriority;
import io.aihub.schemas.WorkOrderStatus;
import io.aihub.schemas.WorkOrderType;
import io.aihub.services.query.InteractiveQueries;
import io.aihub.services.query.Route;
import io.aihub.services.testing.AppInstance;
import io.aihub.services.testing.AppInstance.Reply;
import io.aihub.services.testing.SharedInfrastructure;
import io.aihub.topology.SerdeFactory;
import io.aihub.topology.maintenance.MaintenanceStores;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Two application instances on the real broker and the real Apicurio registry: assets, work orders, alarms and
 * telemetry produced as Avro through the registry; {@code /get-online-features} answers values and all statuses
 * identically through both instances (local or forwarded), refuses unknown views, features and entities, and
 * {@code /ai/features/stats} merges both instances' partitions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeastOnlineFeaturesIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final int FLEET = 8;

    private String prefix;
    private AppInstance first;
    private AppInstance second;

    @BeforeAll
    void start() throws Exception {
        String applicationId = SharedInfrastructure.uniqueApplicationId("feast");
        prefix = SharedInfrastructure.uniquePrefix("feast");
        first = AppInstance.start(applicationId, prefix, Map.of());
        second = AppInstance.start(applicationId, prefix, Map.of());
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    for (AppInstance instance : List.of(first, second)) {
                        assertThat(instance.get("/health")
                                        .body()
                                        .path("kafka_streams")
                                        .path("state")
                                        .asString())
                                .isEqualTo("RUNNING");
                    }
                    int local = 0;
                    for (int i = 0; i < FLEET; i++) {
                        if (first.bean(InteractiveQueries.class).route(MaintenanceStores.ASSETS, "tf:pv-" + i)
                                instanceof Route.Local) {
                            local++;
                        }
                    }
                    assertThat(local).isBetween(1, FLEET - 1);
                });
        produceEvents();
    }

    @AfterAll
    void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void shouldServeValuesAndEveryStatusThroughBothInstances() {
        Map<String, Object> request = Map.of(
                "tenant_id", "tf",
                "features",
                        List.of(
                                "asset_features:asset_type",
                                "asset_features:health_score",
                                "asset_features:mttr_hours",
                                "asset_features:recent_critical_alarms_30d",
                                "telemetry_features:rolling_avg_power_7d",
                                "telemetry_features:rolling_std_power_7d",
                                "work_order_features:wo_count_30d"),
                "entities", Map.of("asset_id", List.of("pv-0", "pv-old", "pv-missing", "pv-3")));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Reply reply = first.post("/get-online-features", request);
            assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
            assertThat(column(reply, 5).path("statuses").path(0).asString()).isEqualTo("PRESENT");
            assertThat(column(reply, 7).path("values").path(0).asLong()).isEqualTo(2);
            assertThat(column(reply, 1).path("statuses").path(3).asString()).isEqualTo("PRESENT");
        });
        Reply viaFirst = first.post("/get-online-features", request);
        Reply viaSecond = second.post("/get-online-features", request);
        assertThat(viaSecond.body()).isEqualTo(viaFirst.body());

        JsonNode names = viaFirst.body().path("metadata").path("feature_names");
        assertThat(names.toString())
                .isEqualTo(
                        "[\"asset_id\",\"asset_type\",\"health_score\",\"mttr_hours\",\"recent_critical_alarms_30d\","
                                + "\"rolling_avg_power_7d\",\"rolling_std_power_7d\",\"wo_count_30d\"]");
        assertColumn(
                viaFirst,
                0,
                List.of("pv-0", "pv-old", "pv-missing", "pv-3"),
                List.of("PRESENT", "PRESENT", "PRESENT", "PRESENT"),
                List.of(Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH));
        Instant assetTime = NOW.minus(Duration.ofHours(1));
        Instant oldTime = NOW.minus(Duration.ofDays(400));
        assertColumn(
                viaFirst,
                1,
                listOf("inverter", null, null, "inverter"),
                List.of("PRESENT", "OUTSIDE_MAX_AGE", "NOT_FOUND", "PRESENT"),
                List.of(assetTime, oldTime, Instant.EPOCH, assetTime));
        assertColumn(
                viaFirst,
                2,
                listOf(80.0, null, null, 83.0),
                List.of("PRESENT", "OUTSIDE_MAX_AGE", "NOT_FOUND", "PRESENT"),
                List.of(assetTime, oldTime, Instant.EPOCH, assetTime));
        assertColumn(
                viaFirst,
                3,
                listOf(24.0, null, null, null),
                List.of("PRESENT", "OUTSIDE_MAX_AGE", "NOT_FOUND", "NULL_VALUE"),
                List.of(assetTime, oldTime, Instant.EPOCH, assetTime));
        assertColumn(
                viaFirst,
                4,
                listOf(1, null, null, 0),
                List.of("PRESENT", "OUTSIDE_MAX_AGE", "NOT_FOUND", "PRESENT"),
                List.of(assetTime, oldTime, Instant.EPOCH, assetTime));
        Instant readingTime = NOW.minus(Duration.ofHours(2));
        assertColumn(
                viaFirst,
                5,
                listOf(60.0, null, null, null),
                List.of("PRESENT", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND"),
                List.of(readingTime, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH));
        assertThat(column(viaFirst, 6).path("values").path(0).asDouble()).isCloseTo(Math.sqrt(200), within(1e-9));
        Instant workOrderTime = NOW.minus(Duration.ofDays(5));
        assertColumn(
                viaFirst,
                7,
                listOf(2, null, null, null),
                List.of("PRESENT", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND"),
                List.of(workOrderTime, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH));

        // a tenant sees only its own assets: tg's pv-0 is another asset
        Reply other = second.post(
                "/get-online-features",
                Map.of(
                        "tenant_id", "tg",
                        "features", List.of("asset_features:asset_type", "telemetry_features:rolling_avg_power_7d"),
                        "entities", Map.of("asset_id", List.of("pv-0"))));
        assertColumn(other, 1, listOf("transformer"), List.of("PRESENT"), List.of(assetTime));
        assertColumn(other, 2, listOf((Object) null), List.of("NOT_FOUND"), List.of(Instant.EPOCH));
    }

    @Test
    void shouldServeAFeatureServiceWithFullFeatureNames() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Reply reply = second.post(
                    "/get-online-features",
                    Map.of(
                            "tenant_id",
                            "tf",
                            "feature_service",
                            "predictive_maintenance",
                            "full_feature_names",
                            true,
                            "entities",
                            Map.of("asset_id", List.of("pv-0"))));
            assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
            JsonNode names = reply.body().path("metadata").path("feature_names");
            assertThat(names.size()).isEqualTo(12);
            assertThat(names.path(1).asString()).isEqualTo("asset_features__asset_type");
            assertThat(names.path(11).asString()).isEqualTo("work_order_features__days_since_last_wo");
            assertThat(column(reply, 1).path("values").path(0).asString()).isEqualTo("inverter");
            assertThat(column(reply, 11).path("values").path(0).asDouble()).isEqualTo(0.0);
        });
    }

    @Test
    void shouldRefuseUnknownViewsFeaturesEntitiesAndAmbiguousNamesNamingTheField() {
        assertProblem(
                first.post(
                        "/get-online-features",
                        Map.of(
                                "tenant_id",
                                "tf",
                                "features",
                                List.of("asset_features:asset_type", "no_such_view:x"),
                                "entities",
                                Map.of("asset_id", List.of("pv-0")))),
                400,
                "features[1]");
        assertProblem(
                first.post(
                        "/get-online-features",
                        Map.of(
                                "tenant_id",
                                "tf",
                                "features",
                                List.of("telemetry_features:rolling_avg_power_1d"),
                                "entities",
                                Map.of("asset_id", List.of("pv-0")))),
                400,
                "features[0]");
        assertProblem(
                first.post(
                        "/get-online-features",
                        Map.of(
                                "tenant_id",
                                "tf",
                                "features",
                                List.of("no_such_service"),
                                "entities",
                                Map.of("asset_id", List.of("pv-0")))),
                400,
                "features[0]");
        assertProblem(
                first.post(
                        "/get-online-features",
                        Map.of(
                                "tenant_id",
                                "tf",
                                "features",
                                List.of("asset_features:asset_type"),
                                "entities",
                                Map.of("work_order_id", List.of("wo-1")))),
                400,
                "entities.work_order_id");
        assertProblem(
                first.post(
                        "/get-online-features",
                        Map.of(
                                "tenant_id", "tf",
                                "features",
                                        List.of(
                                                "asset_features:days_since_last_corrective_wo",
                                                "work_order_features:days_since_last_corrective_wo"),
                                "entities", Map.of("asset_id", List.of("pv-0")))),
                400,
                "full_feature_names");
        assertProblem(
                first.post(
                        "/get-online-features",
                        Map.of(
                                "features", List.of("asset_features:asset_type"),
                                "entities", Map.of("asset_id", List.of("pv-0")))),
                400,
                "tenant_id");
    }

    @Test
    void shouldReportFreshnessAndNullRatesOverBothInstances() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Reply viaFirst = first.get("/ai/features/stats?tenant_id=tf");
            assertThat(viaFirst.status()).as("%s", viaFirst.body()).isEqualTo(200);
            assertThat(viaFirst.body().path("instances").asInt()).isEqualTo(2);
            JsonNode assets = view(viaFirst, "asset_features");
            assertThat(assets.path("entities").asLong()).isEqualTo(FLEET + 1);
            assertThat(assets.path("freshness").asString())
                    .isEqualTo(NOW.minus(Duration.ofHours(1)).toString());
            assertThat(feature(assets, "health_score").path("null_count").asLong())
                    .isEqualTo(2);
            assertThat(feature(assets, "health_score").path("null_rate").asDouble())
                    .isCloseTo(2.0 / (FLEET + 1), within(1e-12));
            assertThat(feature(assets, "asset_type").path("null_rate").asDouble())
                    .isEqualTo(0.0);
            JsonNode telemetry = view(viaFirst, "telemetry_features");
            assertThat(telemetry.path("entities").asLong()).isEqualTo(1);
            assertThat(telemetry.path("freshness").asString())
                    .isEqualTo(NOW.minus(Duration.ofHours(2)).toString());
            assertThat(feature(telemetry, "rolling_avg_voltage_7d")
                            .path("null_rate")
                            .asDouble())
                    .isEqualTo(0.0);
            assertThat(feature(telemetry, "rolling_avg_current_7d")
                            .path("null_rate")
                            .asDouble())
                    .isEqualTo(1.0);
            assertThat(second.get("/ai/features/stats?tenant_id=tf").body()).isEqualTo(viaFirst.body());
        });
        assertProblem(first.get("/ai/features/stats"), 400, "tenant_id");
    }

    @Test
    void shouldServeMaintenanceEventsPostedAsJsonAndRefuseABadOneNamingTheField() {
        // Given an asset and a completed corrective work order posted to the ingest endpoints
        Instant at = NOW.minus(Duration.ofHours(3));
        assertThat(first.post(
                                "/ingest/assets",
                                List.of(Map.of(
                                        "tenant_id",
                                        "tj",
                                        "asset_id",
                                        "wt-1",
                                        "timestamp",
                                        at.toString(),
                                        "asset_type",
                                        "wind_turbine",
                                        "installed_capacity_kw",
                                        2000.0)))
                        .status())
                .isEqualTo(202);
        assertThat(second.post(
                                "/ingest/work-orders",
                                List.of(Map.of(
                                        "tenant_id",
                                        "tj",
                                        "asset_id",
                                        "wt-1",
                                        "work_order_id",
                                        "wo-9",
                                        "timestamp",
                                        at.toString(),
                                        "type",
                                        "corrective",
                                        "status",
                                        "completed",
                                        "created_at",
                                        at.minus(Duration.ofHours(6)).toString(),
                                        "completed_at",
                                        at.toString())))
                        .status())
                .isEqualTo(202);
        assertThat(first.post(
                                "/ingest/alarms",
                                List.of(Map.of(
                                        "tenant_id",
                                        "tj",
                                        "asset_id",
                                        "wt-1",
                                        "alarm_id",
                                        "al-9",
                                        "timestamp",
                                        at.toString(),
                                        "severity",
                                        "major")))
                        .status())
                .isEqualTo(202);

        // Then the views serve them
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Reply reply = second.post(
                    "/get-online-features",
                    Map.of(
                            "tenant_id", "tj",
                            "features",
                                    List.of(
                                            "asset_features:asset_type",
                                            "asset_features:mttr_hours",
                                            "asset_features:recent_alarms_30d"),
                            "entities", Map.of("asset_id", List.of("wt-1"))));
            assertColumn(reply, 1, listOf("wind_turbine"), List.of("PRESENT"), List.of(at));
            assertColumn(reply, 2, listOf(6.0), List.of("PRESENT"), List.of(at));
            assertColumn(reply, 3, listOf(1), List.of("PRESENT"), List.of(at));
        });
        // and an unknown work-order type is refused, naming it, with nothing written
        assertProblem(
                first.post(
                        "/ingest/work-orders",
                        List.of(Map.of(
                                "tenant_id",
                                "tj",
                                "asset_id",
                                "wt-1",
                                "work_order_id",
                                "wo-10",
                                "timestamp",
                                at.toString(),
                                "type",
                                "repair",
                                "created_at",
                                at.toString()))),
                400,
                "[0].type");
    }

    @Test
    void shouldDeadLetterAnInvalidAssetEventWithItsReason() {
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.bootstrapServers(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.GROUP_ID_CONFIG, SharedInfrastructure.uniqueApplicationId("feast-dlq")),
                new ByteArrayDeserializer(),
                SerdeFactory.plainAvro().value(DeadLetter.class).deserializer())) {
            consumer.subscribe(List.of(prefix + "dead-letter"));
            List<DeadLetter> letters = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> letters.add(r.value()));
                assertThat(letters).anySatisfy(letter -> {
                    assertThat(letter.getReasonCode()).isEqualTo(DeadLetterReason.INVALID_VALUE);
                    assertThat(letter.getReason()).contains("installed_capacity_kw");
                    assertThat(letter.getSourceTopic()).isEqualTo(prefix + "assets");
                });
            });
        }
    }

    private void produceEvents() throws Exception {
        var serdes = SharedInfrastructure.serdes();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < FLEET; i++) {
            records.add(record(
                    serdes,
                    "assets",
                    AssetEvent.class,
                    asset(
                            "tf",
                            "pv-" + i,
                            NOW.minus(Duration.ofHours(1)),
                            "inverter",
                            i == FLEET - 1 ? null : 80.0 + i,
                            100.0 + i)));
        }
        records.add(record(
                serdes,
                "assets",
                AssetEvent.class,
                asset("tf", "pv-old", NOW.minus(Duration.ofDays(400)), "inverter", null, 50.0)));
        records.add(record(
                serdes,
                "assets",
                AssetEvent.class,
                asset("tg", "pv-0", NOW.minus(Duration.ofHours(1)), "transformer", 10.0, 500.0)));
        records.add(record(
                serdes,
                "assets",
                AssetEvent.class,
                asset("tf", "pv-bad", NOW.minus(Duration.ofHours(1)), "inverter", 50.0, -1.0)));
        Instant created = NOW.minus(Duration.ofDays(10));
        WorkOrderEvent opened = new WorkOrderEvent(
                "tf",
                "pv-0",
                "wo-1",
                created,
                WorkOrderType.CORRECTIVE,
                WorkOrderPriority.HIGH,
                WorkOrderStatus.OPEN,
                created,
                null,
                null,
                "F1");
        WorkOrderEvent done = WorkOrderEvent.newBuilder(opened)
                .setTimestamp(created.plus(Duration.ofDays(1)))
                .setStatus(WorkOrderStatus.COMPLETED)
                .setCompletedAt(created.plus(Duration.ofDays(1)))
                .build();
        Instant planned = NOW.minus(Duration.ofDays(5));
        WorkOrderEvent preventive = new WorkOrderEvent(
                "tf",
                "pv-0",
                "wo-2",
                planned,
                WorkOrderType.PREVENTIVE,
                WorkOrderPriority.LOW,
                WorkOrderStatus.OPEN,
                planned,
                null,
                null,
                null);
        for (WorkOrderEvent w : List.of(opened, done, preventive)) {
            records.add(record(serdes, "work-orders", WorkOrderEvent.class, w));
        }
        records.add(record(
                serdes,
                "alarms",
                AlarmEvent.class,
                new AlarmEvent(
                        "tf",
                        "pv-0",
                        "al-1",
                        NOW.minus(Duration.ofDays(2)),
                        AlarmSeverity.CRITICAL,
                        "OVERTEMP",
                        null)));
        records.add(record(
                serdes,
                "alarms",
                AlarmEvent.class,
                new AlarmEvent(
                        "tf",
                        "pv-0",
                        "al-2",
                        NOW.minus(Duration.ofDays(40)),
                        AlarmSeverity.CRITICAL,
                        "OVERTEMP",
                        null)));
        records.add(record(serdes, "telemetry", TelemetryReading.class, reading("power", 3, 50.0)));
        records.add(record(serdes, "telemetry", TelemetryReading.class, reading("power", 2, 70.0)));
        records.add(record(serdes, "telemetry", TelemetryReading.class, reading("voltage", 2, 230.0)));
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            for (var r : records) {
                producer.send(r).get();
            }
        }
    }

    private <V extends SpecificRecordBase> ProducerRecord<String, byte[]> record(
            io.aihub.services.standalone.ApicurioSerdes serdes, String topic, Class<V> type, V value) {
        String name = prefix + topic;
        String tenant = value.get("tenant_id").toString();
        String asset = value.get("asset_id").toString();
        return new ProducerRecord<>(
                name, tenant + ":" + asset, serdes.value(type).serializer().serialize(name, value));
    }

    private static AssetEvent asset(String tenant, String id, Instant at, String type, Double health, double capacity) {
        return new AssetEvent(
                tenant,
                id,
                at,
                "site-1",
                type,
                "operational",
                "Acme",
                "X1",
                capacity,
                Instant.parse("2020-01-15T00:00:00Z"),
                health);
    }

    private static TelemetryReading reading(String metric, int hoursAgo, double value) {
        return new TelemetryReading("tf", "pv-0", metric, NOW.minus(Duration.ofHours(hoursAgo)), value, 1, "kW");
    }

    private static JsonNode column(Reply reply, int index) {
        return reply.body().path("results").path(index);
    }

    private static void assertColumn(
            Reply reply, int index, List<Object> values, List<String> statuses, List<Instant> times) {
        JsonNode column = column(reply, index);
        for (int i = 0; i < values.size(); i++) {
            JsonNode value = column.path("values").path(i);
            Object want = values.get(i);
            switch (want) {
                case null ->
                    assertThat(value.isNull())
                            .as("column %d row %d: %s", index, i, value)
                            .isTrue();
                case String s -> assertThat(value.asString()).isEqualTo(s);
                case Double d -> assertThat(value.asDouble()).isEqualTo(d);
                case Integer n ->
                    assertThat(value.asLong()).as("column %d row %d", index, i).isEqualTo(n.longValue());
                default -> throw new IllegalArgumentException("unexpected " + want);
            }
            assertThat(column.path("statuses").path(i).asString())
                    .as("status col %d row %d", index, i)
                    .isEqualTo(statuses.get(i));
            assertThat(column.path("event_timestamps").path(i).asString())
                    .as("time col %d row %d", index, i)
                    .isEqualTo(times.get(i).toString());
        }
        assertThat(column.path("values").size()).isEqualTo(values.size());
    }

    private static List<Object> listOf(Object... values) {
        return new ArrayList<>(java.util.Arrays.asList(values));
    }

    private static JsonNode view(Reply reply, String name) {
        for (JsonNode view : reply.body().path("views")) {
            if (view.path("name").asString().equals(name)) {
                return view;
            }
        }
        throw new AssertionError("no view " + name + " in " + reply.body());
    }

    private static JsonNode feature(JsonNode view, String name) {
        for (JsonNode feature : view.path("features")) {
            if (feature.path("name").asString().equals(name)) {
                return feature;
            }
        }
        throw new AssertionError("no feature " + name + " in " + view);
    }
}
