package io.aihub.services.feast;

import io.aihub.services.api.Ids;
import io.aihub.services.api.ProblemException;
import io.aihub.services.api.Violations;
import io.aihub.services.query.Forwarder;
import io.aihub.services.query.InteractiveQueries;
import io.aihub.topology.catalog.FeatureCatalog;
import io.aihub.topology.catalog.FeatureView;
import io.aihub.topology.maintenance.MaintenanceStores;
import io.aihub.topology.maintenance.MaintenanceView;
import io.aihub.topology.maintenance.MaintenanceViews;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /ai/features/stats?tenant_id=}: per catalog feature view and feature, the freshness (newest event time
 * over the tenant's rows) and the null rate (rows without a value / rows), over every instance: this instance's
 * partitions are read here and every other instance is asked once for its own (scatter-gather).
 */
@RestController
class FeatureStatsController {

    static final String PATH = "/ai/features/stats";

    private final FeatureCatalog catalog;
    private final InteractiveQueries queries;
    private final Forwarder forwarder;
    private final JsonMapper json;

    FeatureStatsController(FeatureCatalog catalog, InteractiveQueries queries, Forwarder forwarder, JsonMapper json) {
        this.catalog = catalog;
        this.queries = queries;
        this.forwarder = forwarder;
        this.json = json;
    }

    @GetMapping(PATH)
    Map<String, Object> stats(
            @RequestParam(name = "tenant_id", required = false) @Nullable String tenantId,
            @RequestHeader(name = Forwarder.HOP_HEADER, required = false) @Nullable String forwardedBy) {
        Violations violations = new Violations();
        Ids.check(tenantId, "tenant_id", violations);
        violations.throwIfAny(HttpStatus.BAD_REQUEST, "Invalid feature statistics request");
        List<FeatureView> views = List.copyOf(catalog.views().views().values());
        List<ViewStats> stats = queries.queryAllLocal(
                MaintenanceViews.STORES, stores -> local(MaintenanceViews.of(stores), tenantId, views));
        int instances = 1;
        if (forwardedBy == null) {
            for (HostInfo host : queries.otherHosts(MaintenanceStores.ASSETS)) {
                JsonNode other = remote(host, tenantId);
                for (int v = 0; v < views.size(); v++) {
                    stats.get(v).merge(other.path("views").path(v));
                }
                instances++;
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant_id", tenantId);
        body.put("views", stats.stream().map(ViewStats::json).toList());
        body.put("instances", instances);
        return body;
    }

    private static List<ViewStats> local(MaintenanceViews stores, String tenantId, List<FeatureView> views) {
        var stats = new ArrayList<ViewStats>();
        for (FeatureView view : views) {
            stats.add(new ViewStats(view));
        }
        for (String asset : stores.assetsOf(tenantId)) {
            for (int v = 0; v < views.size(); v++) {
                MaintenanceView kept = MaintenanceView.of(views.get(v).name()).orElseThrow();
                stores.row(kept, tenantId, asset).ifPresent(stats.get(v)::add);
            }
        }
        return stats;
    }

    private JsonNode remote(HostInfo host, String tenantId) {
        ResponseEntity<byte[]> answer =
                forwarder.get(host, PATH + "?tenant_id=" + URLEncoder.encode(tenantId, StandardCharsets.UTF_8));
        byte[] body = answer.getBody();
        if (!answer.getStatusCode().is2xxSuccessful() || body == null) {
            throw new ProblemException(
                    HttpStatus.BAD_GATEWAY,
                    "Feature statistics incomplete",
                    "instance " + host + " answered " + answer.getStatusCode().value(),
                    null);
        }
        return json.readTree(body);
    }
}
