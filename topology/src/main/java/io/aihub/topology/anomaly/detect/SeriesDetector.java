package io.aihub.topology.anomaly.detect;

import io.aihub.topology.anomaly.detect.internal.StateReader;
import io.aihub.topology.anomaly.detect.internal.StateWriter;

/**
 * What the single-series detectors that count their readings share: the method they implement, their settings, the
 * count of readings learnt, and the header of their state.
 *
 * @param <S> the method's settings
 */
abstract class SeriesDetector<S> {

    private final DetectionMethod method;
    private final S settings;
    /** How many readings were learnt. */
    long count;

    SeriesDetector(DetectionMethod method, S settings) {
        this.method = method;
        this.settings = settings;
    }

    public final S settings() {
        return settings;
    }

    /** The documented method name, e.g. {@code z_score}. */
    public final String method() {
        return method.id();
    }

    /** How many readings the detector has learned. */
    public final long count() {
        return count;
    }

    /** A state of the method in layout {@code version}, its header written; {@code expectedSize} is a hint. */
    final StateWriter stateWriter(int version, int expectedSize) {
        return new StateWriter(method.tag(), version, expectedSize);
    }

    /**
     * A reader of a state of {@code method}, positioned after its header.
     *
     * @throws DetectorStateException if the header is not of the method or names a layout above {@code maxVersion}
     */
    static StateReader stateReader(byte[] bytes, DetectionMethod method, int maxVersion) {
        return new StateReader(bytes, method.id(), method.tag(), maxVersion);
    }

    /**
     * Fails unless the count restored covers the {@code held} readings of a window restored with it.
     *
     * @throws DetectorStateException if it does not
     */
    final void checkCountCovers(StateReader in, int held) {
        if (count < held) {
            throw in.corrupt("count " + count + " is below the window's " + held);
        }
    }
}
