package io.aihub.services.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExportQueryTest {

    private static final Map<String, Integer> SLOTS = Map.of("lag_1h", 7, "hour_of_day", 1);

    private static ExportQuery query(List<String> features) {
        return new ExportQuery(
                "t-1",
                features,
                Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2025-01-02T00:00:00Z"),
                List.of());
    }

    @Test
    void shouldScanTheNarrowTableWhenEveryFeatureHasASlot() {
        var query = query(List.of("hour_of_day", "lag_1h"));

        assertThat(query.table(SLOTS)).isEqualTo("ai_feature_values");
        assertThat(query.copySql(SLOTS))
                .contains("feature_values[1], feature_values[7] FROM ai_feature_values WHERE tenant_id = 't-1'")
                .doesNotContain("features ->>");
    }

    @Test
    void shouldScanAiFeaturesAndReadTheJsonbOfAFeatureWithoutASlot() {
        var query = query(List.of("lag_1h", "future's_feature"));

        assertThat(query.table(SLOTS)).isEqualTo("ai_features");
        assertThat(query.copySql(SLOTS, 10, 20))
                .contains("feature_values[7], (features ->> 'future''s_feature')::float8 FROM ai_features WHERE")
                .contains("ctid >= '(10,0)'::tid AND ctid < '(20,0)'::tid");
    }
}
