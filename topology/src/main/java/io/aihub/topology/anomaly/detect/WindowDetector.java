package io.aihub.topology.anomaly.detect;

import io.aihub.topology.anomaly.detect.internal.DoubleRing;
import io.aihub.topology.anomaly.detect.internal.StateReader;

/**
 * A detector that scores a reading against the last {@code window} readings as they arrived ({@code z_score}, {@code
 * iqr}): score-then-learn, warming up until {@code minHistory} readings are held.
 *
 * <p>State: the settings, the count and the window's values: {@code 27 + 8 * window} bytes.
 *
 * @param <S> the method's settings
 */
abstract class WindowDetector<S extends WindowDetector.WindowSettings> extends SeriesDetector<S> {

    private static final int VERSION = 1;

    /** The settings every window detector has. */
    interface WindowSettings {

        /** How many recent readings a reading is scored against. */
        int window();

        /** Readings needed before scoring. */
        int minHistory();
    }

    /** Makes a detector of the method, with no history, from the settings' values. */
    @FunctionalInterface
    interface Factory<D> {
        D create(int window, int minHistory);
    }

    WindowDetector(DetectionMethod method, S settings) {
        super(method, settings);
    }

    /** How many readings the window holds. */
    abstract int held();

    /** Appends a finite reading to the window, dropping the oldest when full. */
    abstract void add(double value);

    /** Scores a reading against the window, which holds at least {@code minHistory} readings. */
    abstract Scored score(double value, double sensitivity);

    /** The window's values in arrival order. */
    abstract DoubleRing values();

    /** Reads the window's values written by {@link #toBytes()} into the (empty) window. */
    abstract void readValues(StateReader in, String field);

    public final Scored update(long epochMillis, double value, double sensitivity) {
        Readings.finite(value);
        Sensitivity.check(sensitivity);
        int n = held();
        Scored scored = n < settings().minHistory()
                ? Scored.warmingUp(n, settings().minHistory(), "readings")
                : score(value, sensitivity);
        learn(epochMillis, value);
        return scored;
    }

    public final void learn(long epochMillis, double value) {
        add(Readings.finite(value));
        count++;
    }

    public final byte[] toBytes() {
        return stateWriter(VERSION, 27 + 8 * settings().window())
                .writeInt(settings().window())
                .writeInt(settings().minHistory())
                .writeLong(count)
                .writeRing(values())
                .toByteArray();
    }

    /**
     * Restores a state written by {@link #toBytes()}.
     *
     * @throws DetectorStateException if the bytes are not a state of the method
     */
    static <D extends WindowDetector<?>> D fromBytes(byte[] bytes, DetectionMethod method, Factory<D> factory) {
        var in = stateReader(bytes, method, VERSION);
        int window = in.readInt("window");
        int minHistory = in.readInt("minHistory");
        D detector = in.check(() -> factory.create(window, minHistory));
        detector.count = in.readLong("count");
        detector.readValues(in, "window");
        in.expectEnd();
        detector.checkCountCovers(in, detector.held());
        return detector;
    }
}
