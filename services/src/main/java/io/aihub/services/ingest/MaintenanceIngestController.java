package io.aihub.services.ingest;

import io.aihub.schemas.AlarmEvent;
import io.aihub.schemas.AssetEvent;
import io.aihub.schemas.WorkOrderEvent;
import io.aihub.services.config.AihubProperties;
import io.aihub.topology.Topics;
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
        List<AssetEvent> events = MaintenanceValidator.assets(posted, maxBatch);
        producer.sendAll(
                topics.assets(),
                events,
                e -> e.getTenantId() + ":" + e.getAssetId(),
                e -> e.getTimestamp().toEpochMilli());
        return accepted("assets", topics.assets().name(), events.size());
    }

    @PostMapping(path = "/ingest/work-orders", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> workOrders(@RequestBody @Nullable List<MaintenanceIn.WorkOrder> posted) {
        List<WorkOrderEvent> events = MaintenanceValidator.workOrders(posted, maxBatch);
        producer.sendAll(
                topics.workOrders(),
                events,
                e -> e.getTenantId() + ":" + e.getAssetId(),
                e -> e.getTimestamp().toEpochMilli());
        return accepted("work-orders", topics.workOrders().name(), events.size());
    }

    @PostMapping(path = "/ingest/alarms", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> alarms(@RequestBody @Nullable List<MaintenanceIn.Alarm> posted) {
        List<AlarmEvent> events = MaintenanceValidator.alarms(posted, maxBatch);
        producer.sendAll(
                topics.alarms(),
                events,
                e -> e.getTenantId() + ":" + e.getAssetId(),
                e -> e.getTimestamp().toEpochMilli());
        return accepted("alarms", topics.alarms().name(), events.size());
    }

    private Map<String, Object> accepted(String kind, String topic, int count) {
        Counter.builder("aihub.ingest.accepted")
                .tag("topic", kind)
                .register(meters)
                .increment(count);
        return Map.of("accepted", count, "topic", topic);
    }
}
