package io.aihub.topology.maintenance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One entity's row of a feature view: every feature the view computes (String, Long or Double; null when undefined)
 * and the row's event timestamp, the newest event time that contributed to it (epoch millis, UTC).
 */
public record ViewRow(long eventTime, Map<String, @Nullable Object> values) {

    public ViewRow {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
