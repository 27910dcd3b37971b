package io.aihub.topology.features;

import static io.aihub.topology.features.FeatureDriver.observation;
import static io.aihub.topology.features.FeatureDriver.reading;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FeatureQueryTest {

    static final long H = 3_600_000L;
    static final long MON = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

    private final FeatureDriver d = new FeatureDriver();

    @AfterEach
    void close() {
        d.close();
    }

    @Test
    void shouldAnswerUnknownSeriesForASeriesNeverSeen() {
        d.send(reading("t1", "a1", "m", MON, 1.0));

        var key = new SeriesKey("t1", "a1", "other");
        assertThat(d.query().at(key, Instant.ofEpochMilli(MON))).isEqualTo(new FeatureLookup.UnknownSeries(key));
    }

    @Test
    void shouldAnswerOutsideRetentionWhenTheLookBackIsNoLongerKept() {
        // Given a series whose watermark is 20 days after its first reading (retention 14 days)
        d.send(reading("t1", "a1", "m", MON, 1.0));
        long w = MON + 20 * 24 * H;
        d.send(reading("t1", "a1", "m", w, 2.0));
        var key = new SeriesKey("t1", "a1", "m");

        // When asked about a time whose 169h look-back starts before W - 14d
        var lookup = d.query().at(key, Instant.ofEpochMilli(w - 14 * 24 * H + 168 * H));

        // Then the earliest answerable time is W - 14d + 169h
        assertThat(lookup)
                .isEqualTo(new FeatureLookup.OutsideRetention(key, Instant.ofEpochMilli(w - 14 * 24 * H + 169 * H)));
    }

    @Test
    void shouldAnswerFeaturesAtAnyTimeWithBatchSemanticsOverTheStore() {
        // Given readings at 00:00, 01:00, 02:00 (arriving out of order) and weather at 01:30
        d.send(reading("t1", "a1", "m", MON, 1.0));
        d.send(reading("t1", "a1", "m", MON + 2 * H, 3.0));
        d.send(reading("t1", "a1", "m", MON + H, 2.0));
        d.send(observation("t1", "a1", MON + H + 30 * 60_000L, 4.5, null));
        var key = new SeriesKey("t1", "a1", "m");

        // When asked at 01:40 and at 03:00 (after the watermark)
        var at0140 = (FeatureLookup.Found) d.query().at(key, Instant.ofEpochMilli(MON + H + 40 * 60_000L));
        var at0300 = (FeatureLookup.Found) d.query().at(key, Instant.ofEpochMilli(MON + 3 * H));

        // Then nothing was dead-lettered, and the features are those of the definitions over the stored readings <= T
        assertThat(d.deadLetters.isEmpty()).isTrue();
        assertThat(at0140.latestReading()).isEqualTo(Instant.ofEpochMilli(MON + 2 * H));
        assertThat(at0140.features().keySet()).containsExactlyElementsOf(FeatureNames.ALL);
        assertThat(at0140.features())
                .containsEntry("rolling_avg_24h", 1.5)
                .containsEntry("lag_1h", 1.0)
                .containsEntry("hourly_count", 1.0)
                .containsEntry("temperature", 4.5)
                .containsEntry("humidity", null);
        assertThat(at0300.features())
                .containsEntry("rolling_avg_24h", 2.0)
                .containsEntry("historical_avg_24h", 2.0)
                .containsEntry("lag_1h", 3.0)
                .containsEntry("hourly_count", 0.0)
                .containsEntry("hourly_avg", null)
                .containsEntry("daily_count", 3.0);
    }
}
