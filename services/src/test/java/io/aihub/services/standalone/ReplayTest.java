package io.aihub.services.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.schemas.TelemetryReading;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {

    private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");

    @TempDir
    Path data;

    @Test
    void shouldRebaseEachSeriesSoThatItsReadingAtBackfillLandsAtStartAndSendTheBackfillAtOnce() throws Exception {
        // Given an hourly ETT-like file with two metrics and a NAB file starting a year later, every 30 minutes
        write(
                "ett/ETTh2.csv",
                "date,HUFL,OT",
                "2016-07-01 00:00:00,1.0,10.0",
                "2016-07-01 01:00:00,2.0,20.0",
                "2016-07-01 02:00:00,3.0,30.0");
        write(
                "nab/realKnownCause/machine_temperature_system_failure.csv",
                "timestamp,value",
                "2017-03-01 00:00:00,5.5",
                "2017-03-01 00:30:00,6.5",
                "2017-03-01 01:00:00,7.5",
                "2017-03-01 01:30:00,8.5");
        var producer = mockProducer();

        // When the replay starts at NOW with a one-hour back-fill, at real-time speed
        var settings = new Replay.Settings(data, "telemetry", Duration.ofHours(1), 1);
        try (var replay = Replay.start(settings, producer, InstantSource.fixed(NOW))) {
            // Then the back-fill is the first hour of each series, up to and including the reading at NOW
            assertThat(replay.size()).isEqualTo(10);
            assertThat(replay.backfillSize()).isEqualTo(4 + 3);
            // the clock stands still, so the paced readings never fall due: only the back-fill is sent
            assertThat(replay.awaitEnd(Duration.ofMillis(500))).isFalse();
            producer.flush();
            assertThat(producer.history())
                    .extracting(ReplayTest::describe)
                    .containsExactlyInAnyOrder(
                            "ett:ETTh2 HUFL=1.0 @2026-01-10T11:00:00Z",
                            "ett:ETTh2 OT=10.0 @2026-01-10T11:00:00Z",
                            "ett:ETTh2 HUFL=2.0 @2026-01-10T12:00:00Z",
                            "ett:ETTh2 OT=20.0 @2026-01-10T12:00:00Z",
                            "nab:machine_temperature_system_failure value=5.5 @2026-01-10T11:00:00Z",
                            "nab:machine_temperature_system_failure value=6.5 @2026-01-10T11:30:00Z",
                            "nab:machine_temperature_system_failure value=7.5 @2026-01-10T12:00:00Z");
            assertThat(replay.sentByTenant()).isEqualTo(Map.of("ett", 4L, "nab", 3L));
        }
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void shouldSendTheRestPacedInEventTimeOrderAndEndWhenTheDataEnds() throws Exception {
        // Given two series and a clock that runs normally
        write(
                "ett/ETTh2.csv",
                "date,OT",
                "2016-07-01 00:00:00,1.0",
                "2016-07-01 01:00:00,2.0",
                "2016-07-01 02:00:00,3.0");
        write(
                "nab/realKnownCause/nyc_taxi.csv",
                "timestamp,value",
                "2014-07-01 00:00:00,100",
                "2014-07-01 00:30:00,200");
        var producer = mockProducer();

        // When replayed with no back-fill at 36,000x (two hours of data in 0.2 s)
        var settings = new Replay.Settings(data, "telemetry", Duration.ZERO, 36_000);
        try (var replay = Replay.start(settings, producer, InstantSource.system())) {
            // Then it ends by itself once every reading is out, in event-time order, record time = event time
            assertThat(replay.awaitEnd(Duration.ofSeconds(10))).isTrue();
            List<ProducerRecord<String, TelemetryReading>> sent = producer.history();
            assertThat(sent).hasSize(5);
            assertThat(sent)
                    .extracting(ProducerRecord::timestamp)
                    .isSorted()
                    .allSatisfy(t -> assertThat(t)
                            .isGreaterThanOrEqualTo(replay.startedAt().toEpochMilli()));
            assertThat(sent)
                    .allSatisfy(r -> assertThat(r.timestamp())
                            .isEqualTo(r.value().getTimestamp().toEpochMilli()));
            long ettStart = sent.stream()
                    .filter(r -> r.key().equals("ett:ETTh2"))
                    .mapToLong(ProducerRecord::timestamp)
                    .min()
                    .orElseThrow();
            assertThat(ettStart).isEqualTo(replay.startedAt().toEpochMilli());
            assertThat(replay.sentByTenant()).isEqualTo(Map.of("ett", 3L, "nab", 2L));
        }
    }

    @Test
    void shouldRejectANonPositiveSpeedNamingTheSetting() {
        assertThatThrownBy(() -> new Replay.Settings(data, "telemetry", Duration.ofDays(8), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AIHUB_DEMO_SPEED");
    }

    @Test
    void shouldNameFileAndLineOfAnUnparseableRow() throws IOException {
        write("nab/realKnownCause/bad.csv", "timestamp,value", "2014-07-01 00:00:00,abc");
        assertThatThrownBy(() -> ReplayData.load(data))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("bad.csv:2");
    }

    @Test
    void shouldLoadTheShippedDemoDataAsTwoTenants() throws IOException {
        // Given the data folder of the repository (services/../data)
        Path shipped = Path.of("..", "data");
        var series = ReplayData.load(shipped);
        assertThat(series)
                .filteredOn(s -> s.tenant().equals("ett"))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.asset()).isEqualTo("ETTh2");
                    assertThat(s.points()).hasSize(17_420 * 7);
                });
        assertThat(series)
                .filteredOn(s -> s.tenant().equals("nab"))
                .extracting(ReplayData.Series::asset)
                .contains("machine_temperature_system_failure", "nyc_taxi")
                .hasSize(7);
    }

    @Test
    void shouldWriteDurationsAsTheSettingsAreWritten() {
        assertThat(Replay.human(Duration.ofDays(8))).isEqualTo("8d");
        assertThat(Replay.human(Duration.ofHours(36))).isEqualTo("36h");
        assertThat(Replay.human(Duration.ofMinutes(90))).isEqualTo("PT1H30M");
        assertThat(Replay.human(Duration.ZERO)).isEqualTo("PT0S");
    }

    private static String describe(ProducerRecord<String, TelemetryReading> record) {
        var value = record.value();
        return record.key() + " " + value.getMetric() + "=" + value.getValue() + " @" + value.getTimestamp();
    }

    private static MockProducer<String, TelemetryReading> mockProducer() {
        return new MockProducer<>(true, null, new StringSerializer(), (topic, reading) -> new byte[0]);
    }

    private void write(String relative, String... lines) throws IOException {
        Path file = data.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, List.of(lines));
    }
}
