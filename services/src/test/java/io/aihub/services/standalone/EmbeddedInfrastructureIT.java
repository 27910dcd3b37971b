package io.aihub.services.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aihub.schemas.TelemetryReading;
import io.aihub.services.testing.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class EmbeddedInfrastructureIT {

    @Test
    void shouldRoundTripTelemetryReadingThroughBrokerAndRegistry() throws Exception {
        // Given a fresh topic on the shared broker and serdes against the shared registry
        String topic = SharedInfrastructure.uniquePrefix("roundtrip") + "telemetry";
        try (var admin = Admin.create(Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        var serde = SharedInfrastructure.serdes().value(TelemetryReading.class);
        // an event time a year ahead of the wall clock: the broker must accept it as it is
        Instant eventTime = Instant.now().plus(Duration.ofDays(365)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        var sent = List.of(
                reading("ett", "ETTh2", "OT", eventTime, 38.66, "C"),
                reading("nab", "machine_temperature_system_failure", "value", eventTime.plusSeconds(300), 73.97, null));

        // When they are produced with the Apicurio serializer
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        SharedInfrastructure.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                serde.serializer())) {
            for (TelemetryReading reading : sent) {
                producer.send(new ProducerRecord<>(
                                topic,
                                null,
                                reading.getTimestamp().toEpochMilli(),
                                reading.getTenantId() + ":" + reading.getAssetId(),
                                reading))
                        .get();
            }
        }

        // Then a consumer with the Apicurio deserializer reads the same specific records back, with their keys
        // and event-time record timestamps
        var received = new ArrayList<ConsumerRecord<String, TelemetryReading>>();
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, SharedInfrastructure.uniqueApplicationId("roundtrip"),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                serde.deserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                assertThat(received).hasSizeGreaterThanOrEqualTo(sent.size());
            });
        }
        assertThat(received).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(received)
                .extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder("ett:ETTh2", "nab:machine_temperature_system_failure");
        assertThat(received)
                .allSatisfy(record -> assertThat(record.timestamp())
                        .isEqualTo(record.value().getTimestamp().toEpochMilli()));
    }

    private static TelemetryReading reading(
            String tenant, String asset, String metric, Instant time, double value, @Nullable String unit) {
        return TelemetryReading.newBuilder()
                .setTenantId(tenant)
                .setAssetId(asset)
                .setMetric(metric)
                .setTimestamp(time)
                .setValue(value)
                .setQuality(1)
                .setUnit(unit)
                .build();
    }
}
