package io.aihub.services.ml;

import io.aihub.services.config.AihubProperties;
import io.aihub.services.query.Forwarder;
import io.aihub.services.query.InteractiveQueries;
import io.aihub.services.query.Route;
import io.aihub.services.query.StoreUnavailableException;
import io.aihub.topology.features.FeatureSettings;
import io.aihub.topology.features.FeatureStores;
import io.aihub.topology.features.SeriesKey;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /ml/anomalies/train/{device}} and {@code GET /ml/anomalies/detect/{device}}, as documented by the IoT
 * ML service, with a {@code tenant_id}. A device's metrics are all keyed by tenant and device, so they live in one
 * partition: the instance that owns it answers, any other forwards the request there once.
 */
@RestController
class MlAnomalyController {

    private final MlAnomalyService service;
    private final InteractiveQueries queries;
    private final Forwarder forwarder;
    private final long maxHours;
    private final double defaultContamination;
    private final Duration trainForwardTimeout;

    MlAnomalyController(
            MlAnomalyService service,
            InteractiveQueries queries,
            Forwarder forwarder,
            FeatureSettings features,
            AihubProperties settings) {
        this.service = service;
        this.queries = queries;
        this.forwarder = forwarder;
        this.maxHours = features.retention().toHours();
        this.defaultContamination = settings.ml().contamination();
        this.trainForwardTimeout = settings.ml().forwardTimeout();
    }

    @PostMapping("/ml/anomalies/train/{device}")
    ResponseEntity<?> train(
            @PathVariable String device,
            @RequestParam(name = "tenant_id", required = false) @Nullable String tenantId,
            @RequestParam(name = "hours", required = false) @Nullable Integer hours,
            @RequestParam(name = "contamination", required = false) @Nullable Double contamination,
            @RequestHeader(name = Forwarder.HOP_HEADER, required = false) @Nullable String forwardedBy,
            HttpServletRequest request) {
        TrainQuery query = TrainQuery.validate(tenantId, device, hours, contamination, maxHours, defaultContamination);
        return routed(
                FeatureStores.READINGS,
                query.tenantId(),
                query.deviceId(),
                forwardedBy,
                partition -> ResponseEntity.ok(service.train(partition, query)),
                owner -> forwarder.post(owner.host(), pathAndQuery(request), new byte[0], trainForwardTimeout));
    }

    @GetMapping("/ml/anomalies/detect/{device}")
    ResponseEntity<?> detect(
            @PathVariable String device,
            @RequestParam(name = "tenant_id", required = false) @Nullable String tenantId,
            @RequestParam(name = "hours", required = false) @Nullable Integer hours,
            @RequestHeader(name = Forwarder.HOP_HEADER, required = false) @Nullable String forwardedBy,
            HttpServletRequest request) {
        DetectQuery query = DetectQuery.validate(tenantId, device, hours, maxHours);
        return routed(
                FeatureStores.READINGS,
                query.tenantId(),
                query.deviceId(),
                forwardedBy,
                partition -> ResponseEntity.ok(service.detect(partition, query)),
                owner -> forwarder.get(owner.host(), pathAndQuery(request)));
    }

    /** Answers here if this instance owns the device's partition, else forwards once to the owner. */
    private ResponseEntity<?> routed(
            String store,
            String tenantId,
            String deviceId,
            @Nullable String forwardedBy,
            IntFunction<ResponseEntity<?>> local,
            Function<Route.Remote, ResponseEntity<?>> remote) {
        return switch (queries.route(store, SeriesKey.partitionKey(tenantId, deviceId))) {
            case Route.Local here -> local.apply(here.partition());
            case Route.Remote owner -> {
                if (forwardedBy != null) {
                    throw new StoreUnavailableException(
                            "ownership of this device is moving (forwarded by " + forwardedBy
                                    + " to an instance that does not own it)",
                            1);
                }
                yield remote.apply(owner);
            }
        };
    }

    private static String pathAndQuery(HttpServletRequest request) {
        String query = request.getQueryString();
        return query == null ? request.getRequestURI() : request.getRequestURI() + "?" + query;
    }
}
