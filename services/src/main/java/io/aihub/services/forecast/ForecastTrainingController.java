package io.aihub.services.forecast;

import io.aihub.services.config.AihubProperties;
import io.aihub.services.query.DeviceRouting;
import io.aihub.services.query.Forwarder;
import io.aihub.topology.features.FeatureSettings;
import io.aihub.topology.features.FeatureStores;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /ml/forecasts/train/{device}?field=&hours=[&tenant_id=]}, as documented by the IoT ML service, with an
 * optional {@code tenant_id} (default {@value PredictionController#DEFAULT_TENANT}, as for predictions): answered by
 * the instance that owns the device, forwarded there once by any other.
 */
@RestController
class ForecastTrainingController {

    private final ForecastTrainingService service;
    private final DeviceRouting routing;
    private final Forwarder forwarder;
    private final long maxHours;
    private final Duration forwardTimeout;

    ForecastTrainingController(
            ForecastTrainingService service,
            DeviceRouting routing,
            Forwarder forwarder,
            FeatureSettings features,
            AihubProperties settings) {
        this.service = service;
        this.routing = routing;
        this.forwarder = forwarder;
        this.maxHours = features.retention().toHours();
        this.forwardTimeout = settings.ml().forwardTimeout();
    }

    @PostMapping("/ml/forecasts/train/{device}")
    ResponseEntity<?> train(
            @PathVariable String device,
            @RequestParam(name = "field", required = false) @Nullable String field,
            @RequestParam(name = "hours", required = false) @Nullable Integer hours,
            @RequestParam(name = "tenant_id", defaultValue = PredictionController.DEFAULT_TENANT) String tenantId,
            @RequestHeader(name = Forwarder.HOP_HEADER, required = false) @Nullable String forwardedBy,
            HttpServletRequest request) {
        ForecastTrainQuery query = ForecastTrainQuery.validate(tenantId, device, field, hours, maxHours);
        return routing.answer(
                FeatureStores.READINGS,
                query.tenantId(),
                query.deviceId(),
                forwardedBy,
                partition -> ResponseEntity.ok(service.train(partition, query)),
                owner ->
                        forwarder.post(owner.host(), DeviceRouting.pathAndQuery(request), new byte[0], forwardTimeout));
    }
}
