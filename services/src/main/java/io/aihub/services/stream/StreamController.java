package io.aihub.services.stream;

import io.aihub.services.api.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /ai/<name>/stream?tenant_id=...[&asset_id=...]} for every {@link TopicFeed} (anomalies, forecasts): the
 * feed's events of one tenant as server-sent events, from the moment of the request on.
 */
@RestController
record StreamController(TopicFeeds feeds) {

    @GetMapping(path = "/ai/{name}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(
            @PathVariable("name") String name,
            @RequestParam(name = "tenant_id", required = false) @Nullable String tenantId,
            @RequestParam(name = "asset_id", required = false) @Nullable String assetId) {
        TopicFeed<?> feed = feeds.at("/ai/" + name + "/stream");
        if (feed == null) {
            throw new NotFoundException("No such stream", "the streams are " + feeds.paths());
        }
        return feed.open(tenantId, assetId);
    }
}
