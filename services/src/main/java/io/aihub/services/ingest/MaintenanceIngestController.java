package io.aihub.services.ingest;

import io.aihub.schemas.AlarmEvent;
import io.aihub.schemas.AssetEvent;
import io.aihub.schemas.WorkOrderEvent;
import io.aihub.services.config.AihubProperties;
import io.aihub.topology.TopicSpec;
import io.aihub.topology.Topics;
import io.aihub.topology.features.SeriesKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * JSON ingest of the feature views' inputs (assets, work orders, alarms), as {@link IngestController} does for
 * telemetry: the whole array is validated, written keyed {@code tenant_id:asset_id} with the event time as record
 * time, and answered 202 once the broker has acknowledged every record.
 */
@RestController
class MaintenanceIngestController {

    private final IngestProducer producer;
    private final Topics topics;
    private final int maxBatch;
    private final MeterRegistry meters;

    MaintenanceIngestController(
            IngestProducer producer, Topics topics, AihubProperties settings, MeterRegistry meters) {
        this.producer = producer;
        this.topics = topics;
        this.maxBatch = settings.ingest().maxBatch();
        this.meters = meters;
    }

    @PostMapping(path = "/ingest/assets", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> assets(@RequestBody @Nullable List<MaintenanceIn.Asset> posted) {
        return send(
                "assets",
                topics.assets(),
                MaintenanceValidator.assets(posted, maxBatch),
                e -> SeriesKey.partitionKey(e.getTenantId(), e.getAssetId()),
                AssetEvent::getTimestamp);
    }

    @PostMapping(path = "/ingest/work-orders", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> workOrders(@RequestBody @Nullable List<MaintenanceIn.WorkOrder> posted) {
        return send(
                "work-orders",
                topics.workOrders(),
                MaintenanceValidator.workOrders(posted, maxBatch),
                e -> SeriesKey.partitionKey(e.getTenantId(), e.getAssetId()),
                WorkOrderEvent::getTimestamp);
    }

    @PostMapping(path = "/ingest/alarms", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> alarms(@RequestBody @Nullable List<MaintenanceIn.Alarm> posted) {
        return send(
                "alarms",
                topics.alarms(),
                MaintenanceValidator.alarms(posted, maxBatch),
                e -> SeriesKey.partitionKey(e.getTenantId(), e.getAssetId()),
                AlarmEvent::getTimestamp);
    }

    /** Sends the validated events keyed by tenant and asset (their partition), at their event time; 202's body. */
    private <V> Map<String, Object> send(
            String kind,
            TopicSpec<String, V> topic,
            List<V> events,
            Function<V, String> key,
            Function<V, Instant> time) {
        producer.sendAll(topic, events, key, e -> time.apply(e).toEpochMilli());
        return accepted(kind, topic.name(), events.size());
    }

    private Map<String, Object> accepted(String kind, String topic, int count) {
        Counter.builder("aihub.ingest.accepted")
                .tag("topic", kind)
                .register(meters)
                .increment(count);
        return Map.of("accepted", count, "topic", topic);
    }
}
