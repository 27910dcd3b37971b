package io.aihub.services.features;

import io.aihub.services.config.AihubProperties;
import io.aihub.services.query.StreamsRuntime;
import io.aihub.services.registry.RegistryEvents;
import io.aihub.services.standalone.ApicurioSerdes;
import io.aihub.topology.AihubTopology;
import io.aihub.topology.Topics;
import io.aihub.topology.anomaly.ScoringSettings;
import io.aihub.topology.features.FeatureSettings;
import io.aihub.topology.features.FeatureStores;
import io.aihub.topology.registry.ProductionModels;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.state.HostInfo;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Owns the application's {@link KafkaStreams} (the feature topology and the model registry's): creates the topics, starts the stream once the web server
 * knows its real port (so {@code application.server} is right), and closes it on shutdown.
 */
@Component
class FeatureStreams implements StreamsRuntime, ApplicationListener<WebServerInitializedEvent>, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FeatureStreams.class);

    private final AihubProperties settings;
    private final FeatureSettings featureSettings;
    private final Topics topics;
    private final TopicAdministrator topicAdministrator;
    private final MeterRegistry meters;
    private final RegistryEvents registryListener;
    private final ProductionModels productionModels;
    private final ScoringSettings scoringSettings;
    private static final Duration METRICS_REFRESH = Duration.ofSeconds(5);

    private final Object changes = new Object();
    private final ScheduledExecutorService metricsRefresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "aihub-streams-metrics");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long generation;
    private volatile @Nullable KafkaStreams streams;
    private volatile @Nullable KafkaStreamsMetrics streamsMetrics;
    private volatile HostInfo self = HostInfo.unavailable();

    FeatureStreams(
            AihubProperties settings,
            FeatureSettings featureSettings,
            Topics topics,
            TopicAdministrator topicAdministrator,
            MeterRegistry meters,
            RegistryEvents registryListener,
            ProductionModels productionModels,
            ScoringSettings scoringSettings) {
        this.settings = settings;
        this.registryListener = registryListener;
        this.productionModels = productionModels;
        this.scoringSettings = scoringSettings;
        this.featureSettings = featureSettings;
        this.topics = topics;
        this.topicAdministrator = topicAdministrator;
        this.meters = meters;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (streams != null || event.getApplicationContext().getParent() != null) {
            return;
        }
        var streamsSettings = settings.streams();
        String server = streamsSettings.applicationServer() != null
                ? streamsSettings.applicationServer()
                : streamsSettings.advertisedHost() + ":" + event.getWebServer().getPort();
        self = HostInfo.buildFromEndpoint(server);
        topicAdministrator.ensureTopics(topics);
        resolveValueSchemas();
        var topology =
                AihubTopology.build(featureSettings, scoringSettings, topics, productionModels, registryListener);
        KafkaStreams created = new KafkaStreams(topology, properties(server));
        created.setStateListener((newState, oldState) -> {
            log.info("Kafka Streams {} -> {}", oldState, newState);
            changed();
        });
        created.setGlobalStateRestoreListener(new RestoreSignal());
        created.setUncaughtExceptionHandler(e -> {
            log.error("Stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        // refreshed every few seconds: task-level and dead-letter metrics appear only once tasks run
        KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(created, List.of(), metricsRefresher, METRICS_REFRESH);
        metrics.bindTo(meters);
        streamsMetrics = metrics;
        streams = created;
        created.start();
        log.info("Feature stream started as {} (application.server={})", streamsSettings.applicationId(), server);
    }

    /** The serializers learn their schemas now, so that no stream thread waits on the registry for a first record. */
    private void resolveValueSchemas() {
        try {
            int resolved = ApicurioSerdes.resolveValueSchemas(topics);
            log.info("Resolved {} topics' value schemas in the registry", resolved);
        } catch (RuntimeException e) {
            log.warn("Could not resolve the value schemas ahead ({}); each topic's first record will", e.toString());
        }
    }

    private Properties properties(String server) {
        var s = settings.streams();
        Properties props = new Properties();
        props.putAll(FeatureStores.streamsConfigDefaults(topics));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, s.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafka().bootstrapServers());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server);
        props.put(StreamsConfig.STATE_DIR_CONFIG, s.stateDir().toAbsolutePath().toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, s.threads());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, s.standbyReplicas());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, s.processingGuarantee());
        if (s.commitInterval() != null) {
            props.put(
                    StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, s.commitInterval().toMillis());
        }
        props.put(
                StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) settings.topics().replicationFactor());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // features use arrival order (FEATURES.md), so a task never waits for its other input (weather) to
        // have data before processing telemetry
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
        // one reading yields a feature vector and a changelog record: larger, compressed batches cut the
        // per-request work of the producer and the broker (measured with ./aihub bench ingest)
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), s.producerCompression());
        // Kafka Streams raises linger.ms to 100, which adds up to 100 ms to every output at low rates
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), (int)
                s.producerLinger().toMillis());
        return props;
    }

    @Override
    public @Nullable KafkaStreams streams() {
        return streams;
    }

    @Override
    public HostInfo self() {
        return self;
    }

    @Override
    public long generation() {
        return generation;
    }

    @Override
    public void awaitChange(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changes) {
            long left;
            while (generation == seen && (left = deadline - System.nanoTime()) > 0) {
                changes.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    private void changed() {
        synchronized (changes) {
            generation++;
            changes.notifyAll();
        }
    }

    @Override
    public void destroy() {
        KafkaStreams running = streams;
        if (running != null) {
            // leave the group, so that the other instances take over this one's tasks at once instead of after the
            // session timeout (45 s)
            running.close(CloseOptions.timeout(Duration.ofSeconds(30))
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            streams = null;
        }
        KafkaStreamsMetrics metrics = streamsMetrics;
        if (metrics != null) {
            metrics.close();
        }
        metricsRefresher.shutdownNow();
    }

    /** Wakes waiting queries when a store finishes restoring, which is when it becomes queryable. */
    private final class RestoreSignal implements StateRestoreListener {
        @Override
        public void onRestoreStart(
                TopicPartition partition, String storeName, long startingOffset, long endingOffset) {}

        @Override
        public void onBatchRestored(
                TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {}

        @Override
        public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
            changed();
        }
    }
}
