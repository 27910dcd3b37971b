package io.aihub.services.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/** Fails start-up with a message naming each invalid setting, instead of a stack trace later. */
@Component
class SettingsValidator implements InitializingBean {

    private static final Set<String> GUARANTEES = Set.of("at_least_once", "exactly_once_v2");

    private final AihubProperties settings;

    SettingsValidator(AihubProperties settings) {
        this.settings = settings;
    }

    @Override
    public void afterPropertiesSet() {
        List<String> problems = new ArrayList<>();
        if (settings.kafka().bootstrapServers().isBlank()) {
            problems.add("AIHUB_KAFKA_BOOTSTRAP_SERVERS must not be empty");
        }
        if (!settings.registry().url().startsWith("http")) {
            problems.add("AIHUB_REGISTRY_URL must be an http(s) URL, was '"
                    + settings.registry().url() + "'");
        }
        if (settings.topics().partitions() < 1) {
            problems.add("AIHUB_TOPICS_PARTITIONS must be >= 1");
        }
        if (settings.topics().replicationFactor() < 1) {
            problems.add("AIHUB_TOPICS_REPLICATION_FACTOR must be >= 1");
        }
        Duration featuresRetention = settings.topics().featuresRetention();
        if (featuresRetention != null && featuresRetention.toMillis() < 1) {
            problems.add("AIHUB_TOPICS_FEATURES_RETENTION must be positive, was " + featuresRetention);
        }
        if (settings.streams().threads() < 1) {
            problems.add("AIHUB_STREAMS_THREADS must be >= 1");
        }
        if (settings.streams().standbyReplicas() < 0) {
            problems.add("AIHUB_STREAMS_STANDBY_REPLICAS must be >= 0");
        }
        if (!GUARANTEES.contains(settings.streams().processingGuarantee())) {
            problems.add("AIHUB_STREAMS_PROCESSING_GUARANTEE must be one of " + GUARANTEES + ", was '"
                    + settings.streams().processingGuarantee() + "'");
        }
        if (!Set.of("none", "gzip", "snappy", "lz4", "zstd")
                .contains(settings.streams().producerCompression())) {
            problems.add("AIHUB_STREAMS_PRODUCER_COMPRESSION must be one of none, gzip, snappy, lz4, zstd");
        }
        if (settings.streams().producerLinger().isNegative()) {
            problems.add("AIHUB_STREAMS_PRODUCER_LINGER must not be negative");
        }
        if (settings.features().grace().isNegative()) {
            problems.add("AIHUB_FEATURES_GRACE must not be negative");
        }
        if (settings.query().maxBatchAssets() < 1) {
            problems.add("AIHUB_QUERY_MAX_BATCH_ASSETS must be >= 1");
        }
        if (settings.ingest().maxBatch() < 1) {
            problems.add("AIHUB_INGEST_MAX_BATCH must be >= 1");
        }
        var s3 = settings.s3();
        if (s3.endpoint() != null && !s3.endpoint().startsWith("http")) {
            problems.add("AIHUB_S3_ENDPOINT must be an http(s) URL, was '" + s3.endpoint() + "'");
        }
        if (s3.endpoint() != null && (s3.accessKey().isBlank() || s3.secretKey().isBlank())) {
            problems.add("AIHUB_S3_ACCESS_KEY and AIHUB_S3_SECRET_KEY are required with AIHUB_S3_ENDPOINT");
        }
        if (!s3.bucket().matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            problems.add("AIHUB_S3_BUCKET must be a valid S3 bucket name (3-63 lowercase letters, digits, dots,"
                    + " hyphens), was '" + s3.bucket() + "'");
        }
        var models = settings.models();
        if (models.maxArtifactSize().toBytes() < 1 || models.maxArtifactSize().toBytes() > Integer.MAX_VALUE - 8) {
            problems.add("AIHUB_MODELS_MAX_ARTIFACT_SIZE must be between 1B and 2GB");
        }
        if (models.cacheSize() < 1) {
            problems.add("AIHUB_MODELS_CACHE_SIZE must be >= 1");
        }
        if (!models.cacheTtl().isPositive()) {
            problems.add("AIHUB_MODELS_CACHE_TTL must be positive");
        }
        if (!models.reservationTimeout().isPositive()
                || !models.commandTimeout().isPositive()) {
            problems.add("AIHUB_MODELS_RESERVATION_TIMEOUT and AIHUB_MODELS_COMMAND_TIMEOUT must be positive");
        }
        double sensitivity = settings.anomaly().sensitivity();
        if (!(sensitivity >= 1.0 && sensitivity <= 5.0)) {
            problems.add("AIHUB_ANOMALY_SENSITIVITY must be between 1.0 and 5.0, was " + sensitivity);
        }
        var ml = settings.ml();
        if (ml.minTrainingSamples() < 2) {
            problems.add("AIHUB_ML_MIN_TRAINING_SAMPLES must be >= 2, was " + ml.minTrainingSamples());
        }
        if (!(ml.contamination() > 0 && ml.contamination() <= 0.5)) {
            problems.add("AIHUB_ML_CONTAMINATION must be in (0, 0.5], was " + ml.contamination());
        }
        if (ml.trees() < 1 || ml.trees() > 1000) {
            problems.add("AIHUB_ML_TREES must be between 1 and 1000, was " + ml.trees());
        }
        if (ml.maxTrainingRows() < ml.minTrainingSamples()) {
            problems.add(
                    "AIHUB_ML_MAX_TRAINING_ROWS must be >= AIHUB_ML_MIN_TRAINING_SAMPLES, was " + ml.maxTrainingRows());
        }
        if (!ml.forwardTimeout().isPositive()) {
            problems.add("AIHUB_ML_FORWARD_TIMEOUT must be positive");
        }
        if (ml.forecastHoldout().compareTo(Duration.ofHours(24)) < 0
                || ml.forecastHoldout().compareTo(Duration.ofDays(30)) > 0) {
            problems.add("AIHUB_ML_FORECAST_HOLDOUT must be between 24h and 30d, was " + ml.forecastHoldout());
        }
        var redis = settings.redis();
        if (redis.enabled()
                && !redis.url().startsWith("redis://")
                && !redis.url().startsWith("rediss://")) {
            problems.add(
                    "AIHUB_REDIS_URL must be a redis:// or rediss:// URL, empty or none, was '" + redis.url() + "'");
        }
        if (redis.ttl().toSeconds() < 1) {
            problems.add("AIHUB_REDIS_TTL must be at least 1s, was " + redis.ttl());
        }
        if (redis.batch() < 1 || redis.batch() > 100_000) {
            problems.add("AIHUB_REDIS_BATCH must be between 1 and 100000, was " + redis.batch());
        }
        if (!redis.timeout().isPositive() || !redis.maxBackoff().isPositive()) {
            problems.add("AIHUB_REDIS_TIMEOUT and AIHUB_REDIS_MAX_BACKOFF must be positive");
        }
        var postgres = settings.postgres();
        if (postgres.configured() && !postgres.url().startsWith("jdbc:postgresql:")) {
            problems.add("AIHUB_POSTGRES_URL must be a jdbc:postgresql: URL, empty or none, was '"
                    + postgres.url().replaceAll("(?i)(password=)[^&;]*", "$1[hidden]") + "'");
        }
        if (settings.export().concurrency() < 1 || settings.export().concurrency() > 16) {
            problems.add("AIHUB_EXPORT_CONCURRENCY must be between 1 and 16, was "
                    + settings.export().concurrency());
        }
        if (settings.export().streams() < 1 || settings.export().streams() > 16) {
            problems.add("AIHUB_EXPORT_STREAMS must be between 1 and 16, was "
                    + settings.export().streams());
        }
        if (settings.export().queueCapacity() < 1) {
            problems.add("AIHUB_EXPORT_QUEUE_CAPACITY must be >= 1");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid settings: " + String.join("; ", problems));
        }
    }
}
