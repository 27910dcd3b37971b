package io.aihub.services.ml;

import io.aihub.services.config.AihubProperties;
import io.aihub.services.query.DeviceRouting;
import io.aihub.services.query.Forwarder;
import io.aihub.topology.features.FeatureSettings;
import io.aihub.topology.features.FeatureStores;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
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
    private final DeviceRouting routing;
    private final Forwarder forwarder;
    private final long maxHours;
    private final double defaultContamination;
    private final Duration trainForwardTimeout;

    MlAnomalyController(
            MlAnomalyService service,
            DeviceRouting routing,
            Forwarder forwarder,
            FeatureSettings features,
            AihubProperties settings) {
        this.service = service;
        this.routing = routing;
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
        return routing.answer(
                FeatureStores.READINGS,
                query.tenantId(),
                query.deviceId(),
                forwardedBy,
                partition -> ResponseEntity.ok(service.train(partition, query)),
                owner -> forwarder.post(
                        owner.host(), DeviceRouting.pathAndQuery(request), new byte[0], trainForwardTimeout));
    }

    @GetMapping("/ml/anomalies/detect/{device}")
    ResponseEntity<?> detect(
            @PathVariable String device,
            @RequestParam(name = "tenant_id", required = false) @Nullable String tenantId,
            @RequestParam(name = "hours", required = false) @Nullable Integer hours,
            @RequestHeader(name = Forwarder.HOP_HEADER, required = false) @Nullable String forwardedBy,
            HttpServletRequest request) {
        DetectQuery query = DetectQuery.validate(tenantId, device, hours, maxHours);
        return routing.answer(
                FeatureStores.READINGS,
                query.tenantId(),
                query.deviceId(),
                forwardedBy,
                partition -> ResponseEntity.ok(service.detect(partition, query)),
                owner -> forwarder.get(owner.host(), DeviceRouting.pathAndQuery(request)));
    }
}
