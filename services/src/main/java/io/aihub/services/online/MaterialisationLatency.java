package io.aihub.services.online;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.springframework.stereotype.Component;

/**
 * Exact latency histograms of the online store, per interval (what {@code ./aihub bench redis} reads: Micrometer's
 * percentiles are over a rolling window that would mix the warm-up into the measurement). Both are microseconds of
 * wall clock minus the reading's event time: when the online store's consumer received the vector, and when Redis
 * acknowledged it.
 */
@Component
public class MaterialisationLatency {

    private static final long MAX_MICROS = TimeUnit.HOURS.toMicros(1);

    /** The histograms of one interval. */
    public record Interval(Histogram received, Histogram acknowledged) {}

    private final Recorder received = new Recorder(MAX_MICROS, 3);
    private final Recorder acknowledged = new Recorder(MAX_MICROS, 3);

    void received(long millis) {
        received.recordValue(clamp(millis));
    }

    void acknowledged(long millis) {
        acknowledged.recordValue(clamp(millis));
    }

    private static long clamp(long millis) {
        return Math.min(MAX_MICROS, Math.max(0, millis) * 1000);
    }

    /** The values recorded since the previous call (or the start), and a fresh interval from now. */
    public Interval interval() {
        return new Interval(received.getIntervalHistogram(), acknowledged.getIntervalHistogram());
    }
}
