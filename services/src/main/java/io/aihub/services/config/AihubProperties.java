package io.aihub.services.config;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every setting of the application, bound in one place from {@code aihub.*} properties or the matching
 * {@code AIHUB_*} environment variables (relaxed binding: {@code AIHUB_KAFKA_BOOTSTRAP_SERVERS} is
 * {@code aihub.kafka.bootstrap-servers}). Validated at start-up by {@link SettingsValidator}.
 */
@ConfigurationProperties("aihub")
public record AihubProperties(
        @DefaultValue Kafka kafka,
        @DefaultValue Registry registry,
        @DefaultValue Topics topics,
        @DefaultValue Streams streams,
        @DefaultValue Features features,
        @DefaultValue Query query,
        @DefaultValue Ingest ingest,
        @DefaultValue S3 s3,
        @DefaultValue Models models,
        @DefaultValue Anomaly anomaly,
        @DefaultValue Ml ml,
        @DefaultValue Redis redis,
        @DefaultValue Postgres postgres,
        @DefaultValue Export export,
        @DefaultValue("development") String environment) {

    /** Kafka cluster the application reads and writes. */
    public record Kafka(@DefaultValue("localhost:9092") String bootstrapServers) {}

    /** Apicurio Registry the Avro serdes register and look up schemas in. */
    public record Registry(
            @DefaultValue("http://localhost:8081/apis/registry/v3")
            String url) {}

    /**
     * Topic names and how the application creates missing ones.
     *
     * @param featuresRetention {@code retention.ms} of the feature topics the application creates; null leaves the
     *     broker's default. Their record time is the reading's event time, so the broker deletes a replay's vectors
     *     older than this at its next retention check, read or not (README, "Kafka topics").
     */
    public record Topics(
            @DefaultValue("") String prefix,
            @DefaultValue("true") boolean create,
            @DefaultValue("6") int partitions,
            @DefaultValue("1") short replicationFactor,
            @Nullable Duration featuresRetention) {}

    /** The Kafka Streams runtime. */
    public record Streams(
            @DefaultValue("aihub-features") String applicationId,
            @DefaultValue("./.aihub/state") Path stateDir,
            @DefaultValue("1") int threads,
            @DefaultValue("0") int standbyReplicas,
            @DefaultValue("at_least_once") String processingGuarantee,
            @Nullable Duration commitInterval,
            @DefaultValue("localhost") String advertisedHost,
            @Nullable String applicationServer,
            @DefaultValue("20ms") Duration producerLinger,
            @DefaultValue("lz4") String producerCompression) {}

    /** Feature semantics: grace for out-of-order readings, store retention, weather age, catalog file. */
    public record Features(
            @DefaultValue("1h") Duration grace,
            @DefaultValue("14d") Duration retention,
            @DefaultValue("3h") Duration weatherMaxAge,
            @Nullable Path catalog) {}

    /** Interactive-query routing. */
    public record Query(
            @DefaultValue("2s") Duration unavailableRetry,
            @DefaultValue("2s") Duration forwardTimeout,
            @DefaultValue("1000") int maxBatchAssets) {}

    /**
     * The S3 API server holding model artifacts ({@code {bucket}/{tenant}/{model}/{version}/}). Without an endpoint
     * the registry still answers reads from its topic, but cannot register or load models; the single-machine mode
     * starts an S3 server of its own and sets it.
     */
    public record S3(
            @Nullable String endpoint,
            @DefaultValue("") String accessKey,
            @DefaultValue("") String secretKey,
            @DefaultValue("us-east-1") String region,
            @DefaultValue("aihub-models") String bucket,
            @DefaultValue("30s") Duration timeout) {}

    /** The model registry and the model cache of the stream. */
    public record Models(
            @DefaultValue("64MB") DataSize maxArtifactSize,
            @DefaultValue("32") int cacheSize,
            @DefaultValue("1h") Duration cacheTtl,
            @DefaultValue("true") boolean warmUp,
            @DefaultValue("10m") Duration reservationTimeout,
            @DefaultValue("10s") Duration commandTimeout) {}

    /** In-stream anomaly scoring. */
    public record Anomaly(@DefaultValue("3.0") double sensitivity) {}

    /**
     * The IoT ML anomaly endpoints ({@code /ml/anomalies/*}): training a device's multivariate isolation forest.
     *
     * @param minTrainingSamples fewest aligned rows a training accepts ({@code MIN_TRAINING_SAMPLES})
     * @param contamination expected anomaly rate, the default of the {@code contamination} parameter: the score
     *     threshold is the training scores' {@code 1 - contamination} quantile ({@code ISOLATION_FOREST_CONTAMINATION})
     * @param autoPromote whether a trained model goes to production at once (else it stays in staging)
     * @param trees trees per forest
     * @param maxTrainingRows most rows a training uses: the latest ones (bounds the rows held and the training time;
     *     the window's raw readings are read whole)
     * @param forwardTimeout how long an instance waits for a training it forwarded to the device's owner (a
     *     training fits a forest and registers it: seconds, where a forwarded read takes milliseconds)
     * @param forecastPromotion when {@code POST /ml/forecasts/train} promotes the model it trained
     * @param forecastHoldout the tail of a forecast training's window held back to evaluate the model on
     */
    public record Ml(
            @DefaultValue("100") int minTrainingSamples,
            @DefaultValue("0.01") double contamination,
            @DefaultValue("true") boolean autoPromote,
            @DefaultValue("100") int trees,
            @DefaultValue("100000") int maxTrainingRows,
            @DefaultValue("2m") Duration forwardTimeout,
            @DefaultValue("if-better") ForecastPromotion forecastPromotion,
            @DefaultValue("48h") Duration forecastHoldout) {}

    /** When a trained forecast model is promoted to production. */
    public enum ForecastPromotion {
        /** If its held-back MAE is lower than the current production model's (or, without one, the baseline's). */
        IF_BETTER,
        /** Always. */
        ALWAYS,
        /** Never: it stays in staging. */
        NEVER
    }

    /**
     * The Redis online store: every feature vector of the {@code features} topic materialised to Redis, read first by
     * {@code /ai/features/get} (README, "Redis online store").
     *
     * @param url {@code redis://host:port[/db]} (or {@code rediss://}); empty or {@code none} disables the store
     * @param ttl time to live of every key, from its last write ({@code FEATURE_CACHE_TTL} of the reference: 300 s)
     * @param batch most vectors written in one pipelined batch (and acknowledged before their offsets are committed)
     * @param timeout how long a read waits for Redis before the request falls back to the state stores, and how long
     *     a batch waits for its acknowledgements before it is retried
     * @param maxBackoff longest wait between two attempts while Redis is down (the wait doubles from 100 ms)
     */
    public record Redis(
            @DefaultValue("redis://127.0.0.1:6379") String url,
            @DefaultValue("300s") Duration ttl,
            @DefaultValue("1000") int batch,
            @DefaultValue("500ms") Duration timeout,
            @DefaultValue("5s") Duration maxBackoff) {

        /** Whether the online store is on (a URL other than empty or {@code none}). */
        public boolean enabled() {
            return !url.isBlank() && !url.equalsIgnoreCase("none");
        }
    }

    /**
     * The offline store (PostgreSQL) the batch export reads {@code ai_features} from and tracks its jobs in
     * ({@code feature_exports}); filled by the {@code connectors} sink, never by the application.
     *
     * @param url JDBC URL, e.g. {@code jdbc:postgresql://db:5432/aihub} (add {@code ?currentSchema=x} when the sink's
     *     {@code db.schema} is not {@code public}); empty or {@code none}: not configured, the export endpoints answer
     *     503
     * @param user the user connections log in as
     * @param password the password (never logged)
     */
    public record Postgres(
            @DefaultValue("") String url,
            @DefaultValue("postgres") String user,
            @DefaultValue("") String password) {

        /** Whether an offline store is configured (a URL other than empty or {@code none}). */
        public boolean configured() {
            return !url.isBlank() && !url.equalsIgnoreCase("none");
        }

        @Override
        public String toString() {
            return "Postgres[url=" + url.replaceAll("(?i)(password=)[^&;]*", "$1[hidden]") + ", user=" + user
                    + ", password=[hidden]]";
        }
    }

    /**
     * The batch export ({@code POST /ai/features/export}).
     *
     * @param dir the directory local exports are written under ({@code {dir}/{tenant_id}/...}; nothing outside it)
     * @param concurrency how many exports run at once; the others wait, {@code pending}
     * @param queueCapacity rows (in batches) read ahead of the Parquet writer
     * @param streams connections one export reads {@code ai_features} over at once (one snapshot, disjoint block
     *     ranges): the JSON extraction runs in that many PostgreSQL backends
     */
    public record Export(
            @DefaultValue("./.aihub/data/exports") Path dir,
            @DefaultValue("1") int concurrency,
            @DefaultValue("8") int queueCapacity,
            @DefaultValue("1") int streams) {}

    /** The JSON ingest endpoints. */
    public record Ingest(
            @DefaultValue("10000") int maxBatch,
            @DefaultValue("10s") Duration sendTimeout) {}
}
