package io.aihub.services.feast;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /get-online-features}, Feast's REST shape: {@code features} (each {@code view:feature} or a
 * feature service name) or {@code feature_service}, {@code entities} by entity name ({@code {"asset_id": [..]}}),
 * {@code full_feature_names}; plus {@code tenant_id}, as every request of this API.
 */
record OnlineFeaturesRequest(
        @Nullable String tenantId,
        @Nullable List<String> features,
        @Nullable String featureService,
        @Nullable Map<String, @Nullable List<String>> entities,
        @Nullable Boolean fullFeatureNames) {}
