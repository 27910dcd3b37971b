package io.aihub.services.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aihub.schemas.AnomalyEvent;
import io.aihub.schemas.AnomalySeverity;
import io.aihub.schemas.ExpectedRange;
import io.aihub.services.testing.AppInstance;
import io.aihub.services.testing.AppInstance.Reply;
import io.aihub.services.testing.SharedInfrastructure;
import io.aihub.services.testing.SseClient;
import io.aihub.services.testing.SseClient.SseEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

/**
 * GET /ai/anomalies/stream against the running application and the real broker: events written to the anomalies
 * topic reach the subscribers of their tenant (and asset filter), and nobody else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnomalyStreamIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private String prefix;
    private AppInstance app;
    private SseClient sse;
    private KafkaProducer<String, AnomalyEvent> producer;

    @BeforeAll
    void start() {
        prefix = SharedInfrastructure.uniquePrefix("anomaly-stream");
        app = AppInstance.start(SharedInfrastructure.uniqueApplicationId("anomaly-stream"), prefix, Map.of());
        sse = new SseClient(app.baseUrl(), WAIT);
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.bootstrapServers()),
                new StringSerializer(),
                SharedInfrastructure.serdes().value(AnomalyEvent.class).serializer());
    }

    @AfterAll
    void stop() {
        if (sse != null) {
            sse.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void shouldStreamEachTenantOnlyItsOwnAnomalies() {
        // Given streams open for tenant A, tenant B, and tenant A's asset a2 only
        List<String> tenantA = subscribe("/ai/anomalies/stream?tenant_id=tenant-a");
        List<String> tenantB = subscribe("/ai/anomalies/stream?tenant_id=tenant-b");
        List<String> assetA2 = subscribe("/ai/anomalies/stream?tenant_id=tenant-a&asset_id=a2");

        // When anomalies of both tenants are written, interleaved, on several assets (so several partitions);
        // tenant "tenant-a2" shares tenant-a's prefix and must not leak either
        List<AnomalyEvent> written = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            written.add(event("tenant-b", "a" + (i % 3), i));
            written.add(event("tenant-a", "a" + (i % 3), i));
            written.add(event("tenant-a2", "a" + (i % 3), i));
        }
        for (AnomalyEvent event : written) {
            producer.send(
                    new ProducerRecord<>(prefix + "anomalies", event.getTenantId() + ":" + event.getAssetId(), event));
        }
        producer.flush();

        // Then each stream receives exactly its events, each as an "anomaly" event with a topic-partition-offset id
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(events(tenantA)).hasSize(6);
            assertThat(events(tenantB)).hasSize(6);
            assertThat(events(assetA2)).hasSize(2);
        });
        assertThat(events(tenantA))
                .allSatisfy(
                        e -> assertThat(e.data().path("tenant_id").asString()).isEqualTo("tenant-a"));
        assertThat(events(tenantB))
                .allSatisfy(
                        e -> assertThat(e.data().path("tenant_id").asString()).isEqualTo("tenant-b"));
        assertThat(events(assetA2)).allSatisfy(e -> {
            assertThat(e.data().path("tenant_id").asString()).isEqualTo("tenant-a");
            assertThat(e.data().path("asset_id").asString()).isEqualTo("a2");
        });
        // And per asset (one partition) in the order written
        assertThat(events(tenantA).stream()
                        .filter(e -> e.data().path("asset_id").asString().equals("a0"))
                        .map(e -> e.data().path("value").asDouble()))
                .containsExactly(100.0, 103.0);
        // And the ids are topic-partition-offset, unique
        assertThat(events(tenantA)).allSatisfy(e -> assertThat(e.name()).isEqualTo("anomaly"));
        assertThat(events(tenantA))
                .extracting(SseEvent::id)
                .allSatisfy(id -> assertThat(id).matches(prefix + "anomalies-\\d+-\\d+"))
                .doesNotHaveDuplicates();
    }

    @Test
    void shouldWriteTheEventDataWithTheFieldNamesOfThePostResponse() {
        List<String> lines = subscribe("/ai/anomalies/stream?tenant_id=tenant-json");
        AnomalyEvent event = event("tenant-json", "meter-001", 7);
        producer.send(new ProducerRecord<>(prefix + "anomalies", "tenant-json:meter-001", event));
        producer.flush();

        await().atMost(WAIT).untilAsserted(() -> assertThat(events(lines)).hasSize(1));

        assertThat(events(lines).getFirst().data()).isEqualTo(JSON.readTree("""
                        {"tenant_id":"tenant-json","asset_id":"meter-001","metric":"value",
                         "timestamp":"2025-10-01T07:00:00Z","value":107.0,"anomaly_score":4.7,"is_anomaly":true,
                         "expected_range":{"min":35.0,"max":55.0,"mean":45.0,"std":5.0},"severity":"critical",
                         "explanation":"Value deviates 4.70 std devs from expected","method":"z_score",
                         "model_id":null,"sensitivity":3.0}
                        """));
    }

    @Test
    void shouldRejectAMissingOrInvalidTenantWith422() {
        Reply missing = app.get("/ai/anomalies/stream");
        Reply invalid = app.get("/ai/anomalies/stream?tenant_id=bad%20tenant");
        Reply badAsset = app.get("/ai/anomalies/stream?tenant_id=t1&asset_id=%2Fx");

        for (Reply reply : List.of(missing, invalid, badAsset)) {
            assertThat(reply.status()).as(reply.body().toString()).isEqualTo(422);
            assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(missing.body().path("field").asString()).isEqualTo("tenant_id");
        assertThat(invalid.body().path("field").asString()).isEqualTo("tenant_id");
        assertThat(badAsset.body().path("field").asString()).isEqualTo("asset_id");
    }

    private List<String> subscribe(String path) {
        return sse.subscribe(path);
    }

    private static List<SseEvent> events(List<String> lines) {
        return SseClient.events(lines);
    }

    private static AnomalyEvent event(String tenant, String asset, int i) {
        return AnomalyEvent.newBuilder()
                .setTenantId(tenant)
                .setAssetId(asset)
                .setMetric("value")
                .setTimestamp(Instant.parse("2025-10-01T00:00:00Z").plus(Duration.ofHours(i)))
                .setValue(100.0 + i)
                .setAnomalyScore(4.7)
                .setIsAnomaly(true)
                .setExpectedRange(new ExpectedRange(35.0, 55.0, 45.0, 5.0))
                .setSeverity(AnomalySeverity.critical)
                .setExplanation("Value deviates 4.70 std devs from expected")
                .setMethod("z_score")
                .setModelId(null)
                .setSensitivity(3.0)
                .build();
    }
}
