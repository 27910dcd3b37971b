package io.aihub.bench.jmh;

import io.aihub.topology.anomaly.detect.DetectionMethod;
import io.aihub.topology.anomaly.detect.Detector;
import io.aihub.topology.anomaly.detect.Detectors;
import io.aihub.topology.anomaly.detect.Scored;
import io.aihub.topology.anomaly.detect.Sensitivity;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the detector processor does per series: {@link #update} per reading (score, then learn), and {@link #toBytes}
 * once per series and commit (the write-behind store serialises the state into {@code aihub-detectors} and its
 * changelog when the task commits). The detector has learnt two weeks of 5-minute readings first, so every window is
 * full; the readings go on with a daily cycle and noise.
 *
 * <p>Run: {@code java -cp <bench classpath> org.openjdk.jmh.Main DetectorStepBenchmark}; the state's size after set-up
 * is printed on stderr.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DetectorStepBenchmark {

    private static final long FIVE_MINUTES = 300_000L;
    private static final int TRAINING = 2 * 7 * 288;
    private static final int READINGS = 1 << 14;

    /** The method's API name. */
    @Param({"z_score", "iqr", "prophet_decomposition", "isolation_forest", "local_outlier_factor", "seasonal_likelihood"
    })
    public String method;

    private final double[] values = new double[READINGS];
    private Detector detector;
    private long time;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        var random = new SplittableRandom(42);
        for (int i = 0; i < READINGS; i++) {
            double hour = i % 288 / 12.0;
            values[i] = 100 + 20 * Math.sin(2 * Math.PI * hour / 24) + 2 * random.nextGaussian();
        }
        detector = Detectors.create(DetectionMethod.of(method), 42);
        time = 1_704_067_200_000L; // Monday 2024-01-01T00:00Z
        for (int i = 0; i < TRAINING; i++) {
            update();
        }
        System.err.printf("%s: state %d bytes after %d readings%n", method, detector.toBytes().length, TRAINING);
    }

    /** Scores and learns the next reading. */
    @Benchmark
    public Scored update() {
        double value = values[next];
        next = next + 1 == READINGS ? 0 : next + 1;
        time += FIVE_MINUTES;
        return detector.update(time, value, Sensitivity.DEFAULT);
    }

    /** Serialises the state, as at a commit. */
    @Benchmark
    public byte[] toBytes() {
        return detector.toBytes();
    }
}
