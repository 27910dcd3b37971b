package io.aihub.bench.nab;

import java.time.Instant;

/**
 * One labelled anomaly window of a NAB series: the timestamps of its first and last rows, both inclusive (NAB's
 * {@code combined_windows.json} pairs), as epoch milliseconds (NAB's timestamps carry no zone; they are read as UTC).
 */
public record NabWindow(long startMillis, long endMillis) {

    public NabWindow {
        if (endMillis < startMillis) {
            throw new IllegalArgumentException("window ends (" + Instant.ofEpochMilli(endMillis)
                    + ") before it starts (" + Instant.ofEpochMilli(startMillis) + ")");
        }
    }

    public static NabWindow of(Instant start, Instant end) {
        return new NabWindow(start.toEpochMilli(), end.toEpochMilli());
    }

    public Instant start() {
        return Instant.ofEpochMilli(startMillis);
    }

    public Instant end() {
        return Instant.ofEpochMilli(endMillis);
    }
}
