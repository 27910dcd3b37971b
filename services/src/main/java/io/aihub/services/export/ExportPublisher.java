package io.aihub.services.export;

import io.aihub.schemas.ExportStatus;
import io.aihub.schemas.FeatureExport;
import io.aihub.services.config.AihubProperties;
import io.aihub.topology.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes every state of an export job to the compacted {@code feature-exports} topic, keyed by
 * {@code tenant_id:export_id}, so the topic's latest record per key is the job's latest state.
 */
final class ExportPublisher implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final KafkaProducer<String, FeatureExport> producer;
    private final String topic;

    ExportPublisher(AihubProperties settings, Topics topics) {
        var config = new HashMap<String, Object>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafka().bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, settings.streams().applicationId() + "-feature-exports");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, TIMEOUT.toMillis());
        this.producer = new KafkaProducer<>(
                config,
                new StringSerializer(),
                topics.featureExports().valueSerde().serializer());
        this.topic = topics.featureExports().name();
    }

    /** The topic's key of a job. */
    static String key(ExportJob job) {
        return job.tenantId() + ":" + job.exportId();
    }

    /**
     * Sends the job's state and waits for the acknowledgement.
     *
     * @throws ExportPublishException if Kafka did not acknowledge it in time
     * @throws InterruptedException if interrupted while waiting
     */
    void publish(ExportJob job) throws InterruptedException {
        try {
            producer.send(new ProducerRecord<>(topic, key(job), toAvro(job)))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ExportPublishException("cannot write export " + job.exportId() + " to " + topic, e);
        }
    }

    static FeatureExport toAvro(ExportJob job) {
        return FeatureExport.newBuilder()
                .setExportId(job.exportId())
                .setTenantId(job.tenantId())
                .setFeatureSet(job.featureSet())
                .setStartTime(job.startTime())
                .setEndTime(job.endTime())
                .setAssetIds(job.assetIds())
                .setStatus(ExportStatus.valueOf(job.status().toUpperCase(Locale.ROOT)))
                .setStoragePath(job.storagePath())
                .setRowCount(job.rowCount())
                .setFileSizeBytes(job.fileSizeBytes())
                .setError(job.error())
                .setCreatedAt(job.startedAt())
                .setCompletedAt(job.completedAt())
                .build();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** Kafka did not take a job's state. */
    static final class ExportPublishException extends RuntimeException {
        ExportPublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
