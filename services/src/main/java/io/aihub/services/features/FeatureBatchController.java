package io.aihub.services.features;

import io.aihub.services.api.NotFoundException;
import io.aihub.services.api.Violations;
import io.aihub.services.config.AihubProperties;
import io.aihub.services.query.Forwarder;
import io.aihub.services.query.InteractiveQueries;
import io.aihub.services.query.Route;
import io.aihub.services.query.StoreUnavailableException;
import io.aihub.topology.catalog.FeatureCatalog;
import io.aihub.topology.features.FeatureLookup;
import io.aihub.topology.features.FeatureStores;
import io.aihub.topology.features.SeriesKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /ai/features/batch}: features of many assets of one tenant in one call. Assets are grouped by the
 * instance that owns them; local ones are read here, each remote group is forwarded once as a sub-batch, and
 * the answers are merged in request order. Assets that cannot be answered are listed under {@code errors}.
 */
@RestController
class FeatureBatchController {

    static final String BATCH_PATH = "/ai/features/batch";

    private final FeatureService service;
    private final FeatureCatalog catalog;
    private final InteractiveQueries queries;
    private final Forwarder forwarder;
    private final JsonMapper json;
    private final AihubProperties settings;
    private final Clock clock = Clock.systemUTC();

    FeatureBatchController(
            FeatureService service,
            FeatureCatalog catalog,
            InteractiveQueries queries,
            Forwarder forwarder,
            JsonMapper json,
            AihubProperties settings) {
        this.service = service;
        this.catalog = catalog;
        this.queries = queries;
        this.forwarder = forwarder;
        this.json = json;
        this.settings = settings;
    }

    @PostMapping(path = BATCH_PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> batch(
            @RequestBody FeatureBatchRequest request,
            @RequestHeader(name = Forwarder.HOP_HEADER, required = false) @Nullable String forwardedBy) {
        Violations violations = new Violations();
        FeatureSelection.checkId(request.tenantId(), "tenant_id", violations);
        String metric = FeatureSelection.metric(request.metric(), violations);
        List<String> assets = request.assetIds() == null ? List.of() : request.assetIds();
        int max = settings.query().maxBatchAssets();
        if (assets.isEmpty()) {
            violations.add("asset_ids", "must list at least one asset");
        } else if (assets.size() > max) {
            violations.add(
                    "asset_ids",
                    "at most " + max + " assets per call (AIHUB_QUERY_MAX_BATCH_ASSETS), got " + assets.size());
        }
        for (int i = 0; i < assets.size(); i++) {
            FeatureSelection.checkId(assets.get(i), "asset_ids[" + i + "]", violations);
        }
        FeatureSelection selection = FeatureSelection.validate(
                catalog,
                clock,
                request.featureSet(),
                request.featureNames(),
                request.timestamp(),
                request.lookbackHours(),
                violations);
        violations.throwIfAny(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid feature batch request");

        List<String> unique = List.copyOf(new LinkedHashSet<>(assets));
        Map<String, Object> answers = new HashMap<>();
        Map<HostInfo, List<String>> remote = new LinkedHashMap<>();
        for (String asset : unique) {
            SeriesKey key = new SeriesKey(request.tenantId(), asset, metric);
            try {
                switch (queries.route(FeatureStores.READINGS, key.partitionKey())) {
                    case Route.Local local -> answers.put(asset, answerLocally(local.partition(), key, selection));
                    case Route.Remote owner -> {
                        if (forwardedBy != null) {
                            answers.put(
                                    asset,
                                    error(asset, 503, "State store not available", "ownership of this key is moving"));
                        } else {
                            remote.computeIfAbsent(owner.host(), h -> new ArrayList<>())
                                    .add(asset);
                        }
                    }
                }
            } catch (StoreUnavailableException e) {
                answers.put(asset, error(asset, 503, "State store not available", e.getMessage()));
            }
        }
        remote.forEach((host, group) -> answers.putAll(forward(host, request, group)));

        List<Object> results = new ArrayList<>();
        List<Object> errors = new ArrayList<>();
        for (String asset : unique) {
            Object answer = answers.get(asset);
            if (answer instanceof BatchError) {
                errors.add(answer);
            } else {
                results.add(answer);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant_id", request.tenantId());
        body.put("metric", metric);
        body.put("results", results);
        body.put("errors", errors);
        body.put("total", results.size());
        return ResponseEntity.ok(body);
    }

    private Object answerLocally(int partition, SeriesKey key, FeatureSelection selection) {
        FeatureLookup lookup = service.lookup(partition, key, selection);
        if (lookup instanceof FeatureLookup.Found) {
            return service.respond(lookup, selection);
        }
        NotFoundException missing = FeatureService.notFound(lookup);
        return error(key.assetId(), 404, missing.title(), missing.getMessage());
    }

    /** Sends one sub-batch to its owner and reads back per-asset answers, keeping results and errors apart. */
    private Map<String, Object> forward(HostInfo host, FeatureBatchRequest request, List<String> group) {
        FeatureBatchRequest sub = new FeatureBatchRequest(
                request.tenantId(),
                group,
                request.metric(),
                request.featureSet(),
                request.featureNames(),
                request.timestamp(),
                request.lookbackHours());
        Map<String, Object> out = new HashMap<>();
        try {
            ResponseEntity<byte[]> response = forwarder.post(host, BATCH_PATH, json.writeValueAsBytes(sub));
            byte[] body = response.getBody();
            if (!response.getStatusCode().is2xxSuccessful() || body == null) {
                for (String asset : group) {
                    out.put(
                            asset,
                            error(
                                    asset,
                                    response.getStatusCode().value(),
                                    "Forwarded batch failed",
                                    "owner " + host + " answered "
                                            + response.getStatusCode().value()));
                }
                return out;
            }
            JsonNode answer = json.readTree(body);
            for (JsonNode result : answer.path("results")) {
                out.put(result.path("asset_id").asString(), result);
            }
            for (JsonNode failure : answer.path("errors")) {
                String asset = failure.path("asset_id").asString();
                out.put(
                        asset,
                        error(
                                asset,
                                failure.path("status").asInt(),
                                failure.path("title").asString(),
                                failure.path("detail").asString()));
            }
        } catch (StoreUnavailableException e) {
            for (String asset : group) {
                out.put(asset, error(asset, 503, "State store not available", e.getMessage()));
            }
        }
        for (String asset : group) {
            out.putIfAbsent(
                    asset,
                    error(asset, 502, "Missing from owner's answer", "owner " + host + " did not answer for it"));
        }
        return out;
    }

    private static BatchError error(String asset, int status, String title, @Nullable String detail) {
        return new BatchError(asset, status, title, detail == null ? title : detail);
    }

    /** One asset of a batch that could not be answered, with the status a single request would have had. */
    record BatchError(String assetId, int status, String title, String detail) {}
}
