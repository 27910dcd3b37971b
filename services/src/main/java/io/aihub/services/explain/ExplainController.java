package io.aihub.services.explain;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /ai/explain} (one prediction) and {@code POST /ai/explain/global} (a model), as documented. */
@RestController
class ExplainController {

    private final ExplainService service;

    ExplainController(ExplainService service) {
        this.service = service;
    }

    @PostMapping(path = "/ai/explain", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> explain(@RequestBody ExplainRequest request) {
        return service.explain(ExplainQuery.local(request));
    }

    @PostMapping(path = "/ai/explain/global", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> explainGlobal(@RequestBody GlobalExplainRequest request) {
        return service.explainGlobal(ExplainQuery.global(request));
    }
}
