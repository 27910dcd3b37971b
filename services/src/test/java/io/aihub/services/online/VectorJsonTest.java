package io.aihub.services.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.schemas.FeatureVector;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class VectorJsonTest {

    private final VectorJson json = new VectorJson(JsonMapper.builder().build());

    @Test
    void shouldWriteTheVectorWithFeaturesInCatalogOrderAndReadItBack() {
        Map<String, Double> features = new HashMap<>();
        features.put("temperature", null);
        features.put("lag_1h", 43.5);
        features.put("hour_of_day", 14.0);
        FeatureVector vector = FeatureVector.newBuilder()
                .setTenantId("tenant-123")
                .setAssetId("meter-001")
                .setMetric("value")
                .setTimestamp(Instant.parse("2025-10-09T14:05:00Z"))
                .setValue(44.0)
                .setFeatures(features)
                .setCatalogVersion(3)
                .build();

        String text = json.write(vector);

        assertThat(text)
                .isEqualTo(
                        "{\"tenant_id\":\"tenant-123\",\"asset_id\":\"meter-001\",\"metric\":\"value\","
                                + "\"timestamp\":\"2025-10-09T14:05:00Z\",\"value\":44.0,"
                                + "\"features\":{\"hour_of_day\":14.0,\"lag_1h\":43.5,\"temperature\":null},\"catalog_version\":3}");
        Instant watermark = Instant.parse("2025-10-09T15:00:00Z");
        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("hour_of_day", 14.0);
        expected.put("lag_1h", 43.5);
        expected.put("temperature", null);
        assertThat(json.read(text, watermark))
                .isEqualTo(new CachedVector(
                        "tenant-123",
                        "meter-001",
                        "value",
                        Instant.parse("2025-10-09T14:05:00Z"),
                        44.0,
                        expected,
                        3,
                        watermark));
    }

    @Test
    void shouldRefuseAValueItDidNotWrite() {
        assertThatThrownBy(() -> json.read("{\"tenant_id\":\"t\"}", Instant.EPOCH))
                .isInstanceOf(OnlineStoreException.class);
        assertThatThrownBy(() -> json.read("not json", Instant.EPOCH)).isInstanceOf(OnlineStoreException.class);
    }
}
