package io.aihub.services.feast;

import io.aihub.services.api.Ids;
import io.aihub.services.api.Violations;
import io.aihub.services.config.AihubProperties;
import io.aihub.services.query.Forwarder;
import io.aihub.services.query.InteractiveQueries;
import io.aihub.services.query.Route;
import io.aihub.services.query.StoreUnavailableException;
import io.aihub.topology.catalog.FeatureCatalog;
import io.aihub.topology.features.SeriesKey;
import io.aihub.topology.maintenance.MaintenanceStores;
import io.aihub.topology.maintenance.MaintenanceView;
import java.time.Instant;
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
 * {@code POST /get-online-features} in Feast's REST shape. Entities are grouped by the instance that owns them
 * (their tenant:asset partition); local ones are read here, each remote group is forwarded once as a sub-request,
 * and the answers are merged in request order. {@code results} has one column per feature name (the entity key
 * first), each with a value, status and event timestamp per requested entity.
 */
@RestController
class OnlineFeaturesController {

    static final String PATH = "/get-online-features";

    private final FeatureCatalog catalog;
    private final InteractiveQueries queries;
    private final OnlineFeatureReader reader;
    private final Forwarder forwarder;
    private final JsonMapper json;
    private final AihubProperties settings;

    OnlineFeaturesController(
            FeatureCatalog catalog,
            InteractiveQueries queries,
            OnlineFeatureReader reader,
            Forwarder forwarder,
            JsonMapper json,
            AihubProperties settings) {
        this.catalog = catalog;
        this.queries = queries;
        this.reader = reader;
        this.forwarder = forwarder;
        this.json = json;
        this.settings = settings;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> getOnlineFeatures(
            @RequestBody OnlineFeaturesRequest request,
            @RequestHeader(name = Forwarder.HOP_HEADER, required = false) @Nullable String forwardedBy) {
        Violations violations = new Violations();
        Ids.check(request.tenantId(), "tenant_id", violations);
        boolean fullNames = Boolean.TRUE.equals(request.fullFeatureNames());
        RequestedFeatures features = RequestedFeatures.resolve(
                catalog.views(), request.features(), request.featureService(), fullNames, violations);
        List<String> ids = entityIds(request.entities(), violations);
        violations.throwIfAny(HttpStatus.BAD_REQUEST, "Invalid online features request");
        String tenant = request.tenantId();

        Map<String, Cell[]> rows = new HashMap<>();
        Map<HostInfo, List<String>> remote = new LinkedHashMap<>();
        for (String asset : new LinkedHashSet<>(ids)) {
            switch (queries.route(MaintenanceStores.ASSETS, SeriesKey.partitionKey(tenant, asset))) {
                case Route.Local local ->
                    rows.put(asset, reader.read(local.partition(), tenant, asset, features.refs()));
                case Route.Remote owner -> {
                    if (forwardedBy != null) {
                        throw new StoreUnavailableException(
                                "ownership of asset " + asset + " is moving (forwarded by " + forwardedBy + ")", 1);
                    }
                    remote.computeIfAbsent(owner.host(), h -> new ArrayList<>()).add(asset);
                }
            }
        }
        for (var group : remote.entrySet()) {
            ResponseEntity<byte[]> answer = forward(group.getKey(), request, group.getValue());
            if (!answer.getStatusCode().is2xxSuccessful()) {
                return answer;
            }
            rows.putAll(
                    parse(answer.getBody(), group.getValue(), features.refs().size()));
        }
        return ResponseEntity.ok(body(features.names(), ids, rows));
    }

    private List<String> entityIds(@Nullable Map<String, @Nullable List<String>> entities, Violations violations) {
        if (entities == null || entities.isEmpty()) {
            violations.add("entities", "must map " + MaintenanceView.ENTITY + " to a list of ids");
            return List.of();
        }
        List<String> ids = List.of();
        for (var entry : entities.entrySet()) {
            if (!MaintenanceView.ENTITY.equals(entry.getKey())) {
                violations.add(
                        "entities." + entry.getKey(),
                        "unknown entity; the feature views are keyed by " + MaintenanceView.ENTITY);
                continue;
            }
            ids = entry.getValue() == null ? List.of() : entry.getValue();
        }
        String field = "entities." + MaintenanceView.ENTITY;
        int max = settings.query().maxBatchAssets();
        if (ids.isEmpty() && violations.isEmpty()) {
            violations.add(field, "must list at least one id");
        } else if (ids.size() > max) {
            violations.add(field, "at most " + max + " ids per call (AIHUB_QUERY_MAX_BATCH_ASSETS), got " + ids.size());
        }
        for (int i = 0; i < ids.size(); i++) {
            Ids.check(ids.get(i), field + "[" + i + "]", violations);
        }
        return ids;
    }

    private ResponseEntity<byte[]> forward(HostInfo host, OnlineFeaturesRequest request, List<String> group) {
        var sub = new OnlineFeaturesRequest(
                request.tenantId(),
                request.features(),
                request.featureService(),
                Map.of(MaintenanceView.ENTITY, group),
                request.fullFeatureNames());
        return forwarder.post(host, PATH, json.writeValueAsBytes(sub));
    }

    /** The owner's answer for {@code group} (same features, same order) back into cells per entity. */
    private Map<String, Cell[]> parse(byte @Nullable [] body, List<String> group, int features) {
        JsonNode results = json.readTree(body == null ? new byte[0] : body).path("results");
        Map<String, Cell[]> rows = new HashMap<>();
        for (int i = 0; i < group.size(); i++) {
            Cell[] cells = new Cell[features];
            for (int j = 0; j < features; j++) {
                JsonNode column = results.path(j + 1);
                JsonNode value = column.path("values").path(i);
                cells[j] = new Cell(
                        value.isNull() || value.isMissingNode() ? null : json.treeToValue(value, Object.class),
                        column.path("statuses").path(i).asString(),
                        Instant.parse(column.path("event_timestamps").path(i).asString()));
            }
            rows.put(group.get(i), cells);
        }
        return rows;
    }

    private static Map<String, Object> body(List<String> names, List<String> ids, Map<String, Cell[]> rows) {
        var featureNames = new ArrayList<String>();
        featureNames.add(MaintenanceView.ENTITY);
        featureNames.addAll(names);
        var results = new ArrayList<Map<String, Object>>();
        var epoch = new ArrayList<String>();
        var present = new ArrayList<String>();
        for (int i = 0; i < ids.size(); i++) {
            epoch.add(Instant.EPOCH.toString());
            present.add(Cell.PRESENT);
        }
        results.add(column(new ArrayList<@Nullable Object>(ids), present, epoch));
        for (int j = 0; j < names.size(); j++) {
            var values = new ArrayList<@Nullable Object>();
            var statuses = new ArrayList<String>();
            var times = new ArrayList<String>();
            for (String id : ids) {
                Cell cell = rows.get(id)[j];
                values.add(cell.value());
                statuses.add(cell.status());
                times.add(cell.eventTimestamp().toString());
            }
            results.add(column(values, statuses, times));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("metadata", Map.of("feature_names", featureNames));
        body.put("results", results);
        return body;
    }

    private static Map<String, Object> column(
            List<@Nullable Object> values, List<String> statuses, List<String> times) {
        Map<String, Object> column = new LinkedHashMap<>();
        column.put("values", values);
        column.put("statuses", statuses);
        column.put("event_timestamps", times);
        return column;
    }
}
