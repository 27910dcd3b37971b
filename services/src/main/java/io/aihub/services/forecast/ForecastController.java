package io.aihub.services.forecast;

import io.aihub.services.query.Forwarder;
import io.aihub.services.query.OwnerRouting;
import io.aihub.topology.features.SeriesKey;
import io.aihub.topology.forecast.ForecastStores;
import io.aihub.topology.forecast.History;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /ai/forecast}: a forecast of posted {@code historical_data}, or else of the asset's series the stream
 * holds, answered by the instance that owns the asset (forwarded there once).
 */
@RestController
class ForecastController {

    static final String PATH = "/ai/forecast";

    private final ForecastService service;
    private final OwnerRouting routing;

    ForecastController(ForecastService service, OwnerRouting routing) {
        this.service = service;
        this.routing = routing;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> forecast(
            @RequestBody ForecastBody body,
            @RequestHeader(name = Forwarder.HOP_HEADER, required = false) @Nullable String forwardedBy) {
        ForecastQuery query = ForecastQuery.validate(body);
        History history = query.history();
        if (history != null) {
            return ResponseEntity.ok(service.fromHistory(query, history));
        }
        return routing.answer(
                ForecastStores.FORECASTS,
                SeriesKey.partitionKey(query.tenantId(), query.assetId()),
                PATH,
                body,
                forwardedBy,
                partition -> service.fromState(partition, query));
    }
}
