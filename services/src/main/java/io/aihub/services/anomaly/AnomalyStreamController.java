package io.aihub.services.anomaly;

import io.aihub.services.api.Ids;
import io.aihub.services.api.Violations;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /ai/anomalies/stream?tenant_id=...[&asset_id=...]}: the anomalies of one tenant as server-sent events,
 * from the moment of the request on. Events are named {@code anomaly}, their id is {@code topic-partition-offset},
 * their data the event as JSON ({@link StreamedAnomaly}); a {@code :heartbeat} comment keeps an idle stream open.
 */
@RestController
class AnomalyStreamController {

    private final AnomalyFeed feed;

    AnomalyStreamController(AnomalyFeed feed) {
        this.feed = feed;
    }

    @GetMapping(path = "/ai/anomalies/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(
            @RequestParam(name = "tenant_id", required = false) @Nullable String tenantId,
            @RequestParam(name = "asset_id", required = false) @Nullable String assetId) {
        Violations violations = new Violations();
        Ids.check(tenantId, "tenant_id", violations);
        if (assetId != null) {
            Ids.check(assetId, "asset_id", violations);
        }
        violations.throwIfAny(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid anomaly stream request");

        var settings = feed.settings();
        SseEmitter emitter = new SseEmitter(settings.streamTimeout().toMillis());
        var subscriber = new AnomalySubscriber(tenantId, assetId, emitter, settings.clientBuffer(), feed.sender());
        emitter.onCompletion(subscriber::ended);
        emitter.onError(e -> subscriber.ended());
        emitter.onTimeout(() -> {
            subscriber.ended();
            emitter.complete();
        });
        feed.subscribe(subscriber);
        // sent at once, so that the client knows the stream is open (events from now on reach it)
        subscriber.offer(AnomalySubscriber.Outgoing.comment("connected"));
        return emitter;
    }
}
