package io.aihub.topology.anomaly.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** State codecs: round trips, restore-and-continue, size bounds, corruption. */
class DetectorStateTest {

    private static final List<Point> SERIES = Series.withSpikes(Series.noise(11, 1300), 20, 500, 900, 1201);

    @ParameterizedTest
    @EnumSource(DetectionMethod.class)
    void shouldContinueAfterARestoreWithTheScoresItWouldHaveGivenUninterrupted(DetectionMethod method) {
        // Given a detector run over the whole series, and one stopped twice on the way and restored from its bytes
        List<Scored> uninterrupted = run(Detectors.create(method, 42), SERIES);
        var restored = new ArrayList<Scored>();
        Detector detector = Detectors.create(method, 42);
        for (Point p : SERIES) {
            if (restored.size() == 50 || restored.size() == 777) {
                detector = Detectors.fromBytes(detector.toBytes());
            }
            restored.add(detector.update(p.epochMillis(), p.value(), 3.0));
        }

        // Then every score, range and explanation is the same
        assertThat(restored).isEqualTo(uninterrupted);
    }

    @ParameterizedTest
    @EnumSource(DetectionMethod.class)
    void shouldWriteTheSameBytesAfterARoundTrip(DetectionMethod method) {
        Detector detector = Detectors.create(method, 7);
        run(detector, SERIES.subList(0, 600));

        byte[] bytes = detector.toBytes();
        Detector copy = Detectors.fromBytes(bytes);

        assertThat(copy.method()).isEqualTo(method.id());
        assertThat(copy.count()).isEqualTo(600);
        assertThat(copy.toBytes()).isEqualTo(bytes);
        assertThat(copy.getClass()).isEqualTo(detector.getClass());
    }

    @Test
    void shouldKeepEachStateWithinItsDocumentedSize() {
        // the documented sizes with the default settings, once the windows are full
        assertThat(full(DetectionMethod.Z_SCORE).length).isEqualTo(27 + 8 * 288);
        assertThat(full(DetectionMethod.IQR).length).isEqualTo(27 + 8 * 288);
        assertThat(full(DetectionMethod.PROPHET_DECOMPOSITION).length).isEqualTo(2707 + 8 * 288);
        assertThat(full(DetectionMethod.ISOLATION_FOREST).length).isEqualTo(56 + 16 * (512 + 128));
        assertThat(full(DetectionMethod.LOCAL_OUTLIER_FACTOR).length).isEqualTo(43 + 16 * 256);
        // float32 residuals, the short window, and moments in place of the long window (layout 2)
        assertThat(full(DetectionMethod.SEASONAL_LIKELIHOOD).length).isEqualTo(2798 + 4 * 288 + 8 * 10);
    }

    @Test
    void shouldBoundAMultivariateForestStateByItsFeatures() {
        var forest = MultivariateForestDetector.create(List.of("cpu", "memory", "disk"), 1);
        for (int i = 0; i < 2000; i++) {
            forest.learn(i, new double[] {i % 7, i % 11, i % 13});
        }

        int names = 3 * 2 + "cpu".length() + "memory".length() + "disk".length();
        assertThat(forest.toBytes().length).isEqualTo(52 + names + 8 * 3 * (512 + 128));
        assertThat(MultivariateForestDetector.fromBytes(forest.toBytes()).toBytes())
                .isEqualTo(forest.toBytes());
    }

    @Test
    void shouldRefuseBytesThatAreNotADetectorState() {
        byte[] good = full(DetectionMethod.Z_SCORE);

        assertThatThrownBy(() -> Detectors.fromBytes(new byte[0]))
                .isInstanceOf(DetectorStateException.class)
                .hasMessageContaining("no header");
        byte[] badMagic = good.clone();
        badMagic[0] = 0;
        assertThatThrownBy(() -> Detectors.fromBytes(badMagic)).isInstanceOf(DetectorStateException.class);
        byte[] unknownVersion = good.clone();
        unknownVersion[2] = 9;
        assertThatThrownBy(() -> Detectors.fromBytes(unknownVersion))
                .isInstanceOf(DetectorStateException.class)
                .hasMessageContaining("layout version 9");
        byte[] unknownMethod = good.clone();
        unknownMethod[1] = 42;
        assertThatThrownBy(() -> Detectors.fromBytes(unknownMethod))
                .isInstanceOf(DetectorStateException.class)
                .hasMessageContaining("unknown method tag 42");
        assertThatThrownBy(() -> Detectors.fromBytes(Arrays.copyOf(good, good.length + 1)))
                .isInstanceOf(DetectorStateException.class)
                .hasMessageContaining("1 trailing bytes");
        assertThatThrownBy(() -> IqrDetector.fromBytes(good))
                .isInstanceOf(DetectorStateException.class)
                .hasMessageContaining("not iqr's");
        assertThatThrownBy(() -> MultivariateForestDetector.fromBytes(full(DetectionMethod.ISOLATION_FOREST)))
                .isInstanceOf(DetectorStateException.class)
                .hasMessageContaining("single series");
    }

    @ParameterizedTest
    @EnumSource(DetectionMethod.class)
    void shouldRefuseEveryTruncation(DetectionMethod method) {
        Detector detector = Detectors.create(method, 3);
        run(detector, SERIES.subList(0, 40));
        byte[] bytes = detector.toBytes();

        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> Detectors.fromBytes(truncated))
                    .as("%s truncated to %d bytes", method, length)
                    .isInstanceOf(DetectorStateException.class);
        }
    }

    @Test
    void shouldRefuseAStateWhoseValuesBreakItsInvariants() {
        byte[] bytes = full(DetectionMethod.Z_SCORE);
        // the window's first value is at offset 3 (header) + 8 (settings) + 8 (count) + 8 (capacity, size)
        Arrays.fill(bytes, 27, 35, (byte) 0xFF); // a NaN

        assertThatThrownBy(() -> Detectors.fromBytes(bytes))
                .isInstanceOf(DetectorStateException.class)
                .hasMessageContaining("window value 0 is not finite");
    }

    private static byte[] full(DetectionMethod method) {
        Detector detector = Detectors.create(method, 5);
        for (Point p : Series.noise(12, 1000)) {
            detector.learn(p.epochMillis(), p.value());
        }
        return detector.toBytes();
    }

    static List<Scored> run(Detector detector, List<Point> series) {
        var scored = new ArrayList<Scored>();
        for (Point p : series) {
            scored.add(detector.update(p.epochMillis(), p.value(), 3.0));
        }
        return scored;
    }
}
