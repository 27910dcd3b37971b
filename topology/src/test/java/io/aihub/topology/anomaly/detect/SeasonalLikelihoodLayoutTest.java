package io.aihub.topology.anomaly.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * {@code seasonal_likelihood}'s state layouts: layout 2 is written; layout 1, which a changelog written before it
 * holds, is still read and continues the series.
 */
class SeasonalLikelihoodLayoutTest {

    /** Written by the layout 1 detector (default settings) after the first 1,500 readings of {@link #series()}. */
    private static final String LAYOUT_1_STATE = "seasonal_likelihood-v1.state";

    /** The scores that detector went on to give readings 1,500 to 1,559 at sensitivity 3: "score anomaly" a line. */
    private static final String LAYOUT_1_SCORES = "seasonal_likelihood-v1.scores";

    private static final int RESTORED_AT = 1500;

    @Test
    void shouldRestoreALayout1StateAndGoOnWithTheScoresItsDetectorGave() {
        // Given the state a layout 1 detector wrote, and the scores that detector gave next
        byte[] layout1 = resource(LAYOUT_1_STATE);
        List<String> scoresThen = new String(resource(LAYOUT_1_SCORES), StandardCharsets.UTF_8)
                .lines()
                .toList();
        assertThat(layout1[2]).isEqualTo((byte) 1);

        // When it is restored and scores the same readings
        Detector restored = Detectors.fromBytes(layout1);
        assertThat(restored.count()).isEqualTo(RESTORED_AT);
        List<Point> series = series();
        for (int i = 0; i < scoresThen.size(); i++) {
            Point p = series.get(RESTORED_AT + i);
            Scored scored = restored.update(p.epochMillis(), p.value(), 3.0);

            // Then it goes on from the restored history (no warm-up), with the scores that detector gave but for the
            // residuals' rounding to floats and the moments' weights (the averages' mean and variance when restored)
            String[] then = scoresThen.get(i).split(" ");
            assertThat(scored.warmingUp()).as("reading %d", RESTORED_AT + i).isFalse();
            assertThat(scored.score())
                    .as("reading %d", RESTORED_AT + i)
                    .isCloseTo(Double.parseDouble(then[0]), within(0.05));
            assertThat(scored.anomaly()).isEqualTo(Boolean.parseBoolean(then[1]));
        }

        // And it writes layout 2, which round-trips exactly
        byte[] layout2 = restored.toBytes();
        assertThat(layout2[2]).isEqualTo((byte) 2);
        assertThat(layout2).hasSize(2798 + 4 * 288 + 8 * 10);
        assertThat(Detectors.fromBytes(layout2).toBytes()).isEqualTo(layout2);
    }

    @Test
    void shouldWriteTheSameLayout2StateWhetherRestoredOrNot() {
        // Given a detector run over 1,500 readings, and one restored from its layout 2 bytes every 100 readings
        List<Point> series = series().subList(0, RESTORED_AT);
        Detector uninterrupted = Detectors.create(DetectionMethod.SEASONAL_LIKELIHOOD, 0);
        Detector restored = Detectors.create(DetectionMethod.SEASONAL_LIKELIHOOD, 0);
        for (int i = 0; i < series.size(); i++) {
            Point p = series.get(i);
            uninterrupted.update(p.epochMillis(), p.value(), 3.0);
            restored.update(p.epochMillis(), p.value(), 3.0);
            if (i % 100 == 99) {
                restored = Detectors.fromBytes(restored.toBytes());
            }
        }

        // Then both write the same bytes
        assertThat(restored.toBytes()).isEqualTo(uninterrupted.toBytes());
    }

    /** Three weeks of a daily and weekly cycle every 10 minutes, with two 12 σ spikes after the restore. */
    private static List<Point> series() {
        return Series.withSpikes(Series.seasonal(5), 12, 1520, 1540);
    }

    private static byte[] resource(String name) {
        try (InputStream in = SeasonalLikelihoodLayoutTest.class.getResourceAsStream(name)) {
            return Objects.requireNonNull(in, name).readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(name, e);
        }
    }
}
