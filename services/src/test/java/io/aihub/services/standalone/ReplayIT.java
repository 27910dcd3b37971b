package io.aihub.services.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aihub.schemas.TelemetryReading;
import io.aihub.services.testing.SharedInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayIT {

    @TempDir
    Path data;

    @Test
    void shouldReplayBothTenantsToTheRealBrokerAsAvroThroughTheRegistry() throws Exception {
        // Given a small ETT file (2 metrics x 3 hours) and a NAB file (3 readings)
        write(
                "ett/ETTh2.csv",
                "date,HUFL,OT",
                "2016-07-01 00:00:00,1,10",
                "2016-07-01 01:00:00,2,20",
                "2016-07-01 02:00:00,3,30");
        write(
                "nab/realKnownCause/nyc_taxi.csv",
                "timestamp,value",
                "2014-07-01 00:00:00,100",
                "2014-07-01 00:30:00,200",
                "2014-07-01 01:00:00,300");
        String topic = SharedInfrastructure.uniquePrefix("replay") + "telemetry";
        var serdes = SharedInfrastructure.serdes();

        // When it is replayed with a one-hour back-fill at 36,000x real time
        var settings = new Replay.Settings(data, topic, Duration.ofHours(1), 36_000);
        try (var replay = Replay.start(
                settings, Replay.producer(SharedInfrastructure.bootstrapServers(), serdes), InstantSource.system())) {
            assertThat(replay.awaitEnd(Duration.ofSeconds(30))).isTrue();
            assertThat(replay.sentByTenant()).isEqualTo(Map.of("ett", 6L, "nab", 3L));
        }

        // Then every reading is on the topic, keyed tenant:asset, decodable as TelemetryReading
        var received = new ArrayList<ConsumerRecord<String, TelemetryReading>>();
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, SharedInfrastructure.uniqueApplicationId("replay"),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                serdes.value(TelemetryReading.class).deserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                assertThat(received).hasSize(9);
            });
        }
        assertThat(received)
                .extracting(r ->
                        r.key() + " " + r.value().getMetric() + "=" + r.value().getValue())
                .containsExactlyInAnyOrder(
                        "ett:ETTh2 HUFL=1.0",
                        "ett:ETTh2 OT=10.0",
                        "ett:ETTh2 HUFL=2.0",
                        "ett:ETTh2 OT=20.0",
                        "ett:ETTh2 HUFL=3.0",
                        "ett:ETTh2 OT=30.0",
                        "nab:nyc_taxi value=100.0",
                        "nab:nyc_taxi value=200.0",
                        "nab:nyc_taxi value=300.0");
        assertThat(received)
                .allSatisfy(r -> assertThat(r.timestamp())
                        .isEqualTo(r.value().getTimestamp().toEpochMilli()));
    }

    private void write(String relative, String... lines) throws Exception {
        Path file = data.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, List.of(lines));
    }
}
