package io.aihub.topology.features;

import static io.aihub.topology.features.FeatureDriver.observation;
import static io.aihub.topology.features.FeatureDriver.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.schemas.DeadLetter;
import io.aihub.schemas.DeadLetterReason;
import io.aihub.schemas.TelemetryReading;
import io.aihub.topology.errors.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadLetterTopologyTest {

    static final long H = 3_600_000L;
    static final long MON = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

    private final FeatureDriver d = new FeatureDriver();

    @AfterEach
    void close() {
        d.close();
    }

    static Map<String, String> headers(Headers headers) {
        var out = new LinkedHashMap<String, String>();
        for (Header h : headers) {
            out.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void shouldDeadLetterAReadingLaterThanGraceBehindItsSeriesWatermark() {
        // Given a series at 12:00 (grace 1h)
        d.send(reading("t1", "a1", "m", MON + 12 * H, 1.0));
        d.features.readValue();

        // When a reading for 10:59 arrives
        TelemetryReading late = reading("t1", "a1", "m", MON + 11 * H - 60_000L, 2.0);
        d.send(late);

        // Then it is dead-lettered with reason LATE, and nothing is emitted
        assertThat(d.features.isEmpty()).isTrue();
        TestRecord<byte[], DeadLetter> record = d.deadLetters.readRecord();
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("t1:a1");
        DeadLetter letter = record.value();
        assertThat(letter.getReasonCode()).isEqualTo(DeadLetterReason.LATE);
        assertThat(letter.getSourceTopic()).isEqualTo("telemetry");
        assertThat(letter.getSourceOffset()).isEqualTo(1L);
        assertThat(letter.getValue())
                .isEqualTo(java.nio.ByteBuffer.wrap(
                        d.topics.telemetry().valueSerde().serializer().serialize("telemetry", late)));
        assertThat(headers(record.headers()))
                .containsEntry(DeadLetters.HEADER_CODE, "LATE")
                .containsEntry(DeadLetters.HEADER_SOURCE_TOPIC, "telemetry")
                .containsEntry(DeadLetters.HEADER_SOURCE_PARTITION, "0")
                .containsEntry(DeadLetters.HEADER_SOURCE_OFFSET, "1")
                .containsEntry(DeadLetters.HEADER_REASON, letter.getReason());
        assertThat(letter.getReason()).contains("grace");
        // And the late reading is not stored: the next reading does not see it
        d.send(reading("t1", "a1", "m", MON + 12 * H + 1, 3.0));
        assertThat(d.features.readValue().getFeatures().get("daily_count")).isEqualTo(2.0);
    }

    @Test
    void shouldDeadLetterNonFiniteValues() {
        d.send(reading("t1", "a1", "m", MON, Double.NaN));
        d.send(reading("t1", "a1", "m", MON, Double.POSITIVE_INFINITY));

        List<DeadLetter> letters = d.deadLetters.readValuesToList();

        assertThat(letters)
                .extracting(DeadLetter::getReasonCode)
                .containsExactly(DeadLetterReason.NON_FINITE_VALUE, DeadLetterReason.NON_FINITE_VALUE);
        assertThat(d.features.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterAReadingWhoseKeyIsNotItsTenantAndAsset() {
        d.telemetry.pipeInput("t1:other", reading("t1", "a1", "m", MON, 1.0), MON);

        TestRecord<byte[], DeadLetter> record = d.deadLetters.readRecord();

        assertThat(record.value().getReasonCode()).isEqualTo(DeadLetterReason.INVALID_KEY);
        assertThat(record.value().getReason()).contains("t1:other").contains("t1:a1");
        assertThat(headers(record.headers())).containsEntry(DeadLetters.HEADER_CODE, "INVALID_KEY");
        assertThat(d.features.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterInvalidIdsAndNegativeTimestamps() {
        d.send(reading("t 1", "a1", "m", MON, 1.0));
        d.send(reading("t1", "a1", "bad metric", MON, 1.0));
        d.send(reading("t1", "a1", "m", -5, 1.0));

        assertThat(d.deadLetters.readValuesToList())
                .extracting(DeadLetter::getReasonCode)
                .containsExactly(
                        DeadLetterReason.INVALID_VALUE, DeadLetterReason.INVALID_VALUE, DeadLetterReason.INVALID_VALUE);
    }

    @Test
    void shouldDeadLetterUndeserialisableBytesAndKeepProcessing() {
        // Given bytes that are not a TelemetryReading
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        d.rawTelemetry.pipeInput("t1:a1".getBytes(StandardCharsets.UTF_8), garbage, MON);

        // When a good reading follows
        d.send(reading("t1", "a1", "m", MON + H, 1.0));

        // Then the bad record is dead-lettered with its original bytes, and the good one is processed
        TestRecord<byte[], DeadLetter> record = d.deadLetters.readRecord();
        assertThat(record.value().getReasonCode()).isEqualTo(DeadLetterReason.DESERIALIZATION);
        assertThat(record.value().getValue()).isEqualTo(java.nio.ByteBuffer.wrap(garbage));
        assertThat(record.value().getExceptionClass()).isNotNull();
        assertThat(headers(record.headers()))
                .containsEntry(DeadLetters.HEADER_CODE, "DESERIALIZATION")
                .containsEntry(DeadLetters.HEADER_SOURCE_OFFSET, "0")
                .containsKey(DeadLetters.HEADER_EXCEPTION);
        assertThat(d.features.readValuesToList()).hasSize(1);
        // And Kafka Streams counts it as a dropped record
        double dropped = d.driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("dropped-records-total"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
        assertThat(dropped).isEqualTo(1.0);
    }

    @Test
    void shouldDeadLetterWeatherLaterThanGraceBehindItsAssetWatermark() {
        d.send(observation("t1", "a1", MON + 12 * H, 5.0, null));
        d.send(observation("t1", "a1", MON + 10 * H, 5.0, null));
        d.send(observation("t1", "a1", MON + 11 * H + 1, Double.NaN, null));

        assertThat(d.deadLetters.readValuesToList())
                .extracting(DeadLetter::getReasonCode, DeadLetter::getSourceTopic)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(DeadLetterReason.LATE, "weather"),
                        org.assertj.core.groups.Tuple.tuple(DeadLetterReason.NON_FINITE_VALUE, "weather"));
    }

    @Test
    void shouldCountDeadLettersInAMetricTaggedByReason() {
        d.send(reading("t1", "a1", "m", MON, Double.NaN));
        d.send(reading("t1", "a1", "m", MON, Double.NaN));
        d.send(reading("t1", "a1", "m", -1, 1.0));

        Map<String, Double> totals = new LinkedHashMap<>();
        d.driver.metrics().forEach((name, metric) -> {
            if (name.name().equals("aihub-dead-letter-total")) {
                assertThat(name.group()).isEqualTo("stream-aihub-features-metrics");
                totals.merge(name.tags().get("reason"), ((Number) metric.metricValue()).doubleValue(), Double::sum);
            }
        });

        assertThat(totals).containsEntry("NON_FINITE_VALUE", 2.0).containsEntry("INVALID_VALUE", 1.0);
        assertThat(totals).containsEntry("LATE", 0.0);
    }
}
