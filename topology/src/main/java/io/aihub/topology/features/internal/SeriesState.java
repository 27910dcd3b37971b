package io.aihub.topology.features.internal;

import static io.aihub.topology.features.internal.FeatureMath.DAY;
import static io.aihub.topology.features.internal.FeatureMath.HOUR;
import static io.aihub.topology.features.internal.FeatureMath.WEEK;

import io.aihub.schemas.AggregateWindow;
import io.aihub.topology.features.SeriesKey;

/**
 * The in-heap state of one series: its watermark, its recent readings and the incremental extremes. A reading newer
 * than the watermark costs amortised O(1) plus a few binary searches; any other reading is folded in exactly and
 * marks the incremental extremes for a rebuild.
 */
public final class SeriesState {

    /** Receives closed windows. */
    public interface WindowSink {
        void closed(SeriesKey key, AggregateWindow window, long start, long end, Moments stats, long lastTimestamp);
    }

    private final SeriesKey key;
    private final byte[] storePrefix;
    private final SeriesWindow window;
    private final MonotonicDeque min24 = MonotonicDeque.forMin();
    private final MonotonicDeque max24 = MonotonicDeque.forMax();
    private final MonotonicDeque min168 = MonotonicDeque.forMin();
    private final MonotonicDeque max168 = MonotonicDeque.forMax();
    private final Moments scratch = new Moments();
    private long watermark;
    private long lastPurge = Long.MIN_VALUE;
    private boolean dirty = true;
    private long hourStart;
    private double hourMin;
    private double hourMax;
    private long dayStart;
    private double dayMin;
    private double dayMax;

    public SeriesState(SeriesKey key, byte[] storePrefix, long watermark, SeriesWindow window) {
        this.key = key;
        this.storePrefix = storePrefix;
        this.watermark = watermark;
        this.window = window;
    }

    public SeriesKey key() {
        return key;
    }

    public byte[] storePrefix() {
        return storePrefix;
    }

    /** The largest timestamp accepted, Long.MIN_VALUE if none. */
    public long watermark() {
        return watermark;
    }

    public int heldReadings() {
        return window.size();
    }

    public long lastPurge() {
        return lastPurge;
    }

    public void purgedAt(long watermarkAtPurge) {
        lastPurge = watermarkAtPurge;
    }

    /**
     * Accepts a reading newer than the watermark: closes the hours and days it completes, evicts readings older
     * than {@code t - 169h - grace}, and writes the features at t (not weather) into {@code out}.
     */
    public void acceptNewest(long t, double x, long grace, WindowSink sink, double[] out) {
        if (watermark != Long.MIN_VALUE) {
            closeWindows(AggregateWindow.HOUR, HOUR, watermark, t, grace, sink);
            closeWindows(AggregateWindow.DAY, DAY, watermark, t, grace, sink);
        }
        window.evictBefore(t - WEEK - HOUR - grace);
        if (dirty) {
            rebuild(t);
        }
        min24.evictAtOrBefore(t - DAY);
        max24.evictAtOrBefore(t - DAY);
        min168.evictAtOrBefore(t - WEEK);
        max168.evictAtOrBefore(t - WEEK);
        double histMin = min24.extreme();
        double histMax = max24.extreme();
        min24.push(t, x);
        max24.push(t, x);
        min168.push(t, x);
        max168.push(t, x);
        long h = FeatureMath.floorHour(t);
        if (h != hourStart) {
            hourStart = h;
            hourMin = x;
            hourMax = x;
        } else {
            hourMin = FeatureMath.min(hourMin, x);
            hourMax = FeatureMath.max(hourMax, x);
        }
        long d = FeatureMath.floorDay(t);
        if (d != dayStart) {
            dayStart = d;
            dayMin = x;
            dayMax = x;
        } else {
            dayMin = FeatureMath.min(dayMin, x);
            dayMax = FeatureMath.max(dayMax, x);
        }
        window.append(t, x);
        watermark = t;
        FeatureMath.computeSums(window, t, out);
        FeatureMath.setExtremes(
                out,
                min24.extreme(),
                max24.extreme(),
                min168.extreme(),
                max168.extreme(),
                histMin,
                histMax,
                hourMin,
                hourMax,
                dayMin,
                dayMax);
    }

    /** Accepts a reading at or before the watermark (within grace): inserts or replaces it and computes exactly. */
    public void acceptAtOrBeforeWatermark(long t, double x, double[] out) {
        window.put(t, x);
        dirty = true;
        FeatureMath.computeByScan(window, t, out);
    }

    /** Rebuilds the incremental extremes for a reading at t newer than everything held. */
    private void rebuild(long t) {
        min24.clear();
        max24.clear();
        min168.clear();
        max168.clear();
        hourStart = FeatureMath.floorHour(t);
        dayStart = FeatureMath.floorDay(t);
        hourMin = Double.NaN;
        hourMax = Double.NaN;
        dayMin = Double.NaN;
        dayMax = Double.NaN;
        for (int i = window.upperBound(t - WEEK); i < window.end(); i++) {
            long ts = window.timestamp(i);
            double x = window.value(i);
            min168.push(ts, x);
            max168.push(ts, x);
            if (ts > t - DAY) {
                min24.push(ts, x);
                max24.push(ts, x);
            }
            if (ts >= dayStart) {
                dayMin = FeatureMath.min(dayMin, x);
                dayMax = FeatureMath.max(dayMax, x);
                if (ts >= hourStart) {
                    hourMin = FeatureMath.min(hourMin, x);
                    hourMax = FeatureMath.max(hourMax, x);
                }
            }
        }
        dirty = false;
    }

    /**
     * Emits every window [w, w + len) holding readings whose close time w + len + grace is in (oldW, newW]. Each
     * reading is scanned once over the life of the series.
     */
    private void closeWindows(AggregateWindow kind, long len, long oldW, long newW, long grace, WindowSink sink) {
        long firstStart = Math.floorDiv(oldW - len - grace, len) * len + len;
        long lastStart = Math.floorDiv(newW - len - grace, len) * len;
        if (lastStart < firstStart) {
            return;
        }
        long endExclusive = lastStart + len;
        int i = window.lowerBound(firstStart);
        while (i < window.end() && window.timestamp(i) < endExclusive) {
            long start = Math.floorDiv(window.timestamp(i), len) * len;
            long end = start + len;
            scratch.reset();
            long last = start;
            while (i < window.end() && window.timestamp(i) < end) {
                scratch.add(window.value(i));
                last = window.timestamp(i);
                i++;
            }
            sink.closed(key, kind, start, end, scratch, last);
        }
    }
}
