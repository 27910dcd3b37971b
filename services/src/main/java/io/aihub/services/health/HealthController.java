package io.aihub.services.health;

import io.aihub.services.config.AihubProperties;
import io.aihub.services.query.StreamsRuntime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health}: the documented shape ({@code status, service, version, timestamp, environment}) plus the
 * state of Kafka Streams and of each dependency. {@code healthy} = stream RUNNING and every dependency up;
 * {@code degraded} = serving but something is down or rebalancing; {@code unhealthy} (503) = the stream cannot
 * serve (not started, error, shut down).
 */
@RestController
class HealthController {

    private final StreamsRuntime runtime;
    private final DependencyProbe probe;
    private final AihubProperties settings;
    private final String version;

    HealthController(
            StreamsRuntime runtime,
            DependencyProbe probe,
            AihubProperties settings,
            @Value("${aihub.version:0.1.0}") String version) {
        this.runtime = runtime;
        this.probe = probe;
        this.settings = settings;
        this.version = version;
    }

    @GetMapping("/health")
    ResponseEntity<Map<String, Object>> health() {
        KafkaStreams streams = runtime.streams();
        KafkaStreams.State state = streams == null ? KafkaStreams.State.CREATED : streams.state();
        var dependencies = probe.last();
        boolean allUp = !dependencies.isEmpty()
                && dependencies.values().stream()
                        .allMatch(d -> d.status().equals("up") || d.status().equals("not_configured"));
        String status;
        if (state == KafkaStreams.State.RUNNING && allUp) {
            status = "healthy";
        } else if (state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING) {
            status = "degraded";
        } else {
            status = "unhealthy";
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("service", "ai-hub");
        body.put("version", version);
        body.put("timestamp", Instant.now());
        body.put("environment", settings.environment());
        Map<String, Object> streamsInfo = new LinkedHashMap<>();
        streamsInfo.put("state", state.name());
        streamsInfo.put("application_id", settings.streams().applicationId());
        streamsInfo.put(
                "application_server",
                runtime.self().host() + ":" + runtime.self().port());
        body.put("kafka_streams", streamsInfo);
        Map<String, Object> deps = new LinkedHashMap<>();
        dependencies.forEach((name, d) ->
                deps.put(name, Map.of("status", d.status(), "detail", d.detail(), "checked_at", d.checkedAt())));
        body.put("dependencies", deps);
        return ResponseEntity.status(status.equals("unhealthy") ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK)
                .body(body);
    }
}
