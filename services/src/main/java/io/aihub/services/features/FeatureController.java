package io.aihub.services.features;

import io.aihub.services.api.Violations;
import io.aihub.services.query.Forwarder;
import io.aihub.services.query.InteractiveQueries;
import io.aihub.services.query.Route;
import io.aihub.topology.catalog.FeatureCatalog;
import io.aihub.topology.features.FeatureStores;
import io.aihub.topology.features.SeriesKey;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** {@code /ai/features/get} and {@code /ai/features/sets}: online features from interactive queries. */
@RestController
class FeatureController {

    static final String GET_PATH = "/ai/features/get";

    private final FeatureService service;
    private final FeatureCatalog catalog;
    private final InteractiveQueries queries;
    private final Forwarder forwarder;
    private final JsonMapper json;
    private final Clock clock;

    FeatureController(
            FeatureService service,
            FeatureCatalog catalog,
            InteractiveQueries queries,
            Forwarder forwarder,
            JsonMapper json) {
        this.service = service;
        this.catalog = catalog;
        this.queries = queries;
        this.forwarder = forwarder;
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    @PostMapping(path = GET_PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> get(
            @RequestBody FeatureGetRequest request,
            @RequestHeader(name = Forwarder.HOP_HEADER, required = false) @Nullable String forwardedBy) {
        Violations violations = new Violations();
        FeatureSelection.checkId(request.tenantId(), "tenant_id", violations);
        FeatureSelection.checkId(request.assetId(), "asset_id", violations);
        String metric = FeatureSelection.metric(request.metric(), violations);
        FeatureSelection selection = FeatureSelection.validate(
                catalog,
                clock,
                request.featureSet(),
                request.featureNames(),
                request.timestamp(),
                request.lookbackHours(),
                violations);
        violations.throwIfAny(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid feature request");

        SeriesKey key = new SeriesKey(request.tenantId(), request.assetId(), metric);
        if (forwardedBy == null && request.timestamp() != null) {
            var cached = service.fromOnlineStore(key, selection);
            if (cached.isPresent()) {
                return ResponseEntity.ok(cached.get());
            }
        }
        return switch (queries.route(FeatureStores.READINGS, key.partitionKey())) {
            case Route.Local local ->
                ResponseEntity.ok(service.respond(service.lookup(local.partition(), key, selection), selection));
            case Route.Remote remote ->
                forwarder.forwardOnce(remote, forwardedBy, GET_PATH, json.writeValueAsBytes(request));
        };
    }

    @GetMapping("/ai/features/sets")
    Map<String, Object> sets() {
        Map<String, Object> sets = new LinkedHashMap<>();
        catalog.sets().forEach((name, set) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", set.name());
            entry.put("description", set.description());
            entry.put("features", set.features());
            entry.put("use_cases", set.useCases());
            entry.put("latency", set.latency());
            entry.put("storage", set.storage());
            sets.put(name, entry);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("feature_sets", sets);
        body.put("total", sets.size());
        body.put("catalog_version", catalog.version());
        return body;
    }
}
