package io.aihub.services.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aihub.schemas.TelemetryReading;
import io.aihub.services.testing.AppInstance;
import io.aihub.services.testing.AppInstance.Reply;
import io.aihub.services.testing.SharedInfrastructure;
import io.aihub.topology.errors.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Bad records on the real broker go to the dead-letter topic with the reason, are counted, and the stream goes on. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadLetterIT {

    private static final Instant T = Instant.parse("2025-10-06T12:00:00Z");

    private String prefix;
    private AppInstance app;

    @BeforeAll
    void start() {
        prefix = SharedInfrastructure.uniquePrefix("dead-letters");
        app = AppInstance.start(SharedInfrastructure.uniqueApplicationId("dead-letters"), prefix, Map.of());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void shouldDeadLetterBadRecordsWithTheirReasonAndKeepStreaming() throws Exception {
        String telemetry = prefix + "telemetry";
        var serializer =
                SharedInfrastructure.serdes().value(TelemetryReading.class).serializer();
        // Given three bad records written straight to the topic by a producer that skipped validation
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(telemetry, bytes("t9:a1"), bytes("not avro at all")))
                    .get();
            producer.send(new ProducerRecord<>(
                            telemetry, bytes("t9:someone-else"), serializer.serialize(telemetry, reading(T, 1.0))))
                    .get();
            producer.send(new ProducerRecord<>(
                            telemetry, bytes("t9:a1"), serializer.serialize(telemetry, reading(T, Double.NaN))))
                    .get();
        }
        // When a good reading follows
        assertThat(app.post(
                                "/ingest/telemetry",
                                List.of(FeatureApiIT.reading(
                                        "t9", "a1", "value", T.plusSeconds(60).toString(), 7.0)))
                        .status())
                .isEqualTo(202);

        // Then it is served: the stream kept going
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Reply reply = app.post(
                    "/ai/features/get",
                    Map.of(
                            "tenant_id",
                            "t9",
                            "asset_id",
                            "a1",
                            "timestamp",
                            T.plusSeconds(60).toString()));
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().path("features").path("daily_count").asInt())
                    .isEqualTo(1);
        });
        // And each bad record is on the dead-letter topic with its reason code and source coordinates
        List<ConsumerRecord<byte[], byte[]>> letters = readDeadLetters(prefix + "dead-letter", 3);
        assertThat(letters)
                .extracting(r -> header(r, DeadLetters.HEADER_CODE))
                .containsExactly("DESERIALIZATION", "INVALID_KEY", "NON_FINITE_VALUE");
        assertThat(letters).allSatisfy(r -> {
            assertThat(header(r, DeadLetters.HEADER_SOURCE_TOPIC)).isEqualTo(telemetry);
            assertThat(header(r, DeadLetters.HEADER_REASON)).isNotBlank();
        });
        assertThat(new String(letters.getFirst().key(), StandardCharsets.UTF_8)).isEqualTo("t9:a1");
        // And they are counted in the metrics
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = app.getText("/actuator/prometheus");
            assertThat(metrics).containsPattern("aihub_dead_letter_total\\{[^}]*reason=\"INVALID_KEY\"[^}]*} 1\\.0");
            assertThat(metrics)
                    .containsPattern("aihub_dead_letter_total\\{[^}]*reason=\"NON_FINITE_VALUE\"[^}]*} 1\\.0");
            assertThat(metrics).containsPattern("dropped_records_total\\{[^}]*} 1\\.0");
        });
    }

    private static List<ConsumerRecord<byte[], byte[]>> readDeadLetters(String topic, int expected) {
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, SharedInfrastructure.uniqueApplicationId("dlq-reader"),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                return out.size() >= expected;
            });
            out.sort((a, b) -> Long.compare(
                    Long.parseLong(header(a, DeadLetters.HEADER_SOURCE_OFFSET)),
                    Long.parseLong(header(b, DeadLetters.HEADER_SOURCE_OFFSET))));
            assertThat(out).hasSize(expected);
            return out;
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static TelemetryReading reading(Instant at, double value) {
        return TelemetryReading.newBuilder()
                .setTenantId("t9")
                .setAssetId("a1")
                .setMetric("value")
                .setTimestamp(at)
                .setValue(value)
                .build();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
