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
    private final ExplanationJson json;

    ExplainController(ExplainService service, ExplanationJson json) {
        this.service = service;
        this.json = json;
    }

    @PostMapping(path = "/ai/explain", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> explain(@RequestBody ExplainRequest request) {
        return json.local(service.explain(ExplainQuery.local(request)));
    }

    @PostMapping(path = "/ai/explain/global", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> explainGlobal(@RequestBody GlobalExplainRequest request) {
        return json.global(service.explainGlobal(ExplainQuery.global(request)));
    }
}
