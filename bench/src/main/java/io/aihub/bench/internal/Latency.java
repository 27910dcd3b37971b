package io.aihub.bench.internal;

import java.util.Map;
import java.util.SortedMap;
import java.util.StringJoiner;
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

    /** "0: 41, 1: 37, ..." from the longest latency (microseconds) of each second, in whole milliseconds. */
    public static String bySecond(SortedMap<Long, Long> micros) {
        var text = new StringJoiner(", ");
        micros.forEach((second, max) -> text.add(second + ": " + Math.round(max / 1000.0)));
        return text.toString();
    }

    /** Microseconds in milliseconds, rounded to 3 decimals. */
    public static double millis(long micros) {
        return Console.round3(micros / 1000.0);
    }
}
