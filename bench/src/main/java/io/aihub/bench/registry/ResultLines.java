package io.aihub.bench.registry;

import io.aihub.bench.internal.AppInstance;
import io.aihub.bench.internal.Console;
import io.aihub.bench.internal.Machine;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** The harness's result lines: one per case, ending with the app's effective settings and the machine. */
final class ResultLines {

    /** Latencies are recorded up to this many microseconds. */
    static final long MAX_MICROS = TimeUnit.SECONDS.toMicros(120);

    private final Map<String, Object> common = new LinkedHashMap<>();

    ResultLines(AppInstance app) {
        common.putAll(app.streamsFields());
        common.put("sensitivity", app.settings().anomaly().sensitivity());
        common.put("machine", Machine.describe());
    }

    /** A result line's first fields. */
    Map<String, Object> start(String name) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("bench", "registry");
        result.put("case", name);
        return result;
    }

    /** Prints the line, the common fields and the load average before the case appended. */
    void finish(Map<String, Object> result, double loadBefore) {
        result.putAll(common);
        result.put("load_avg_1m", loadBefore);
        Console.result(result);
    }

    static Histogram histogram() {
        return new Histogram(MAX_MICROS, 3);
    }
}
