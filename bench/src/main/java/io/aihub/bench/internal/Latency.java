package io.aihub.bench.internal;

import java.util.Map;
import org.HdrHistogram.Histogram;

/** Latency result fields, from histograms of microseconds. */
public final class Latency {

    private Latency() {}

    /** {@code p50_ms}, {@code p99_ms}, {@code p999_ms} if asked for, and {@code max_ms}. */
    public static void put(Map<String, Object> result, Histogram micros, boolean p999) {
        result.put("p50_ms", millis(micros.getValueAtPercentile(50)));
        result.put("p99_ms", millis(micros.getValueAtPercentile(99)));
        if (p999) {
            result.put("p999_ms", millis(micros.getValueAtPercentile(99.9)));
        }
        result.put("max_ms", millis(micros.getMaxValue()));
    }

    /** Microseconds in milliseconds, rounded to 3 decimals. */
    public static double millis(long micros) {
        return Console.round3(micros / 1000.0);
    }
}
