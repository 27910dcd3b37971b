package io.aihub.services.ingest;

import io.aihub.schemas.TelemetryReading;
import io.aihub.schemas.WeatherObservation;
import io.aihub.services.config.AihubProperties;
import io.aihub.topology.Topics;
import io.aihub.topology.features.SeriesKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * JSON ingest for devices without a Kafka client: validates the whole array, writes it to the topic keyed
 * {@code tenant_id:asset_id}, and answers 202 once the broker has acknowledged every record.
 */
@RestController
class IngestController {

    private final IngestProducer producer;
    private final Topics topics;
    private final int maxBatch;
    private final Counter telemetryAccepted;
    private final Counter weatherAccepted;

    IngestController(IngestProducer producer, Topics topics, AihubProperties settings, MeterRegistry meters) {
        this.producer = producer;
        this.topics = topics;
        this.maxBatch = settings.ingest().maxBatch();
        this.telemetryAccepted = Counter.builder("aihub.ingest.accepted")
                .tag("topic", "telemetry")
                .register(meters);
        this.weatherAccepted =
                Counter.builder("aihub.ingest.accepted").tag("topic", "weather").register(meters);
    }

    @PostMapping(path = "/ingest/telemetry", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> telemetry(@RequestBody @Nullable List<TelemetryIn> posted) {
        List<TelemetryReading> readings = IngestValidator.telemetry(posted, maxBatch);
        producer.sendAll(
                topics.telemetry(),
                readings,
                r -> new SeriesKey(r.getTenantId(), r.getAssetId(), r.getMetric()).partitionKey(),
                r -> r.getTimestamp().toEpochMilli());
        telemetryAccepted.increment(readings.size());
        return Map.of("accepted", readings.size(), "topic", topics.telemetry().name());
    }

    @PostMapping(path = "/ingest/weather", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> weather(@RequestBody @Nullable List<WeatherIn> posted) {
        List<WeatherObservation> observations = IngestValidator.weather(posted, maxBatch);
        producer.sendAll(
                topics.weather(),
                observations,
                w -> w.getTenantId() + ":" + w.getAssetId(),
                w -> w.getTimestamp().toEpochMilli());
        weatherAccepted.increment(observations.size());
        return Map.of("accepted", observations.size(), "topic", topics.weather().name());
    }
}
