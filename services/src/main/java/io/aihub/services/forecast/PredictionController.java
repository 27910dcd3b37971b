package io.aihub.services.forecast;

import io.aihub.services.api.Ids;
import io.aihub.services.api.Violations;
import io.aihub.services.query.Forwarder;
import io.aihub.services.query.OwnerRouting;
import io.aihub.topology.features.SeriesKey;
import io.aihub.topology.forecast.ForecastStores;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code GET /ml/forecasts/predict/{device}?field=...[&tenant_id=...]}: the device's forecast of one field (its
 * metric), answered like {@code POST /ai/forecast} without history (load, 24 h, hourly) by the owning instance. It
 * also accepts POST, which is how a request is forwarded to the owner.
 */
@RestController
record PredictionController(ForecastService service, OwnerRouting routing) {

    /** The tenant of devices when the request names none (the IoT ML service has no tenants). */
    static final String DEFAULT_TENANT = "default";

    @RequestMapping(
            path = "/ml/forecasts/predict/{device}",
            method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<?> predict(
            @PathVariable("device") String device,
            @RequestParam(name = "field", required = false) @Nullable String field,
            @RequestParam(name = "tenant_id", defaultValue = DEFAULT_TENANT) String tenantId,
            @RequestHeader(name = Forwarder.HOP_HEADER, required = false) @Nullable String forwardedBy) {
        Violations violations = new Violations();
        Ids.check(device, "device", violations);
        Ids.check(field, "field", violations);
        Ids.check(tenantId, "tenant_id", violations);
        violations.throwIfAny(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid prediction request");
        ForecastQuery query = ForecastQuery.validate(
                new ForecastBody(tenantId, device, "load", null, null, true, null, null, null, field));
        String forwarded = UriComponentsBuilder.fromPath("/ml/forecasts/predict/{device}")
                .queryParam("field", field)
                .queryParam("tenant_id", tenantId)
                .buildAndExpand(device)
                .encode()
                .toUriString();
        return routing.answer(
                ForecastStores.FORECASTS,
                SeriesKey.partitionKey(tenantId, device),
                forwarded,
                Map.of(),
                forwardedBy,
                partition -> Predictions.of(device, query.metric(), service.fromState(partition, query)));
    }
}
