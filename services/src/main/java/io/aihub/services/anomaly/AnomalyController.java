package io.aihub.services.anomaly;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /ai/anomaly}: anomalies of a posted series, by one of the five documented methods. */
@RestController
class AnomalyController {

    private final AnomalyService service;

    AnomalyController(AnomalyService service) {
        this.service = service;
    }

    @PostMapping(path = "/ai/anomaly", consumes = MediaType.APPLICATION_JSON_VALUE)
    AnomalyResponse detect(@RequestBody AnomalyRequest request) {
        return service.detect(AnomalyQuery.validate(request));
    }
}
