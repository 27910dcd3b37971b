package io.aihub.services.standalone;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.aihub.services.AihubApplication;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code ./aihub demo}: the whole product on one machine. Starts an in-process Kafka broker (unless
 * {@code AIHUB_KAFKA_BOOTSTRAP_SERVERS} is set) and the Apicurio Registry (unless {@code AIHUB_REGISTRY_URL} is
 * set) and an embedded PostgreSQL (unless {@code AIHUB_POSTGRES_URL} is set; {@code none} turns the offline store
 * off), then the application pointed at them, then the offline store's sink in a Connect worker of its own, then the
 * replay of the shipped data, and prints where to look. Ctrl-C stops the replay, the sink, the application, the
 * registry and the broker, in that order.
 */
public final class DemoLauncher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoLauncher.class);

    /** Loggers of the embedded servers and clients that are too chatty at INFO for a demo console. */
    private static final Map<String, String> QUIET_LOGGERS = Map.of(
            "org.apache.kafka", "WARN",
            "kafka", "WARN",
            "state.change.logger", "WARN",
            "io.apicurio", "WARN");

    /** How long the feature topics keep the replay's oldest vector: the broker's default retention. */
    private static final Duration DEMO_FEATURES_KEPT = Duration.ofDays(7);

    private final DemoSettings settings;
    private volatile @Nullable EmbeddedKafka kafka;
    private volatile @Nullable ApicurioServer registry;
    private volatile @Nullable EmbeddedS3 s3;
    private volatile @Nullable EmbeddedOfflineStore offlineStore;
    private volatile @Nullable ConfigurableApplicationContext application;
    private volatile @Nullable Replay replay;

    DemoLauncher(DemoSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        quietEarlyLogging();
        DemoSettings settings;
        try {
            settings = DemoSettings.from(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("aihub demo: " + e.getMessage());
            System.exit(2);
            return;
        }
        var launcher = new DemoLauncher(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::close, "aihub-demo-shutdown"));
        try {
            launcher.start(args);
        } catch (RuntimeException e) {
            LOG.error("aihub demo failed to start: {}", e.getMessage(), e);
            System.exit(1);
        }
    }

    void start(String[] args) {
        long started = System.nanoTime();
        resetDataDirectory();
        // the registry (a child JVM, ~5 s) starts while the broker (~3 s) starts here
        CompletableFuture<String> registryStart = settings.externalRegistryUrl()
                .map(CompletableFuture::completedFuture)
                .orElseGet(() ->
                        CompletableFuture.supplyAsync(() -> startRegistry().url()));
        String bootstrapServers;
        String registryUrl;
        try {
            bootstrapServers = settings.externalBootstrapServers().orElseGet(this::startKafka);
            registryUrl = registryStart.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause
                    ? cause
                    : new InfrastructureException("the Apicurio Registry did not start", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted while starting the demo", e);
        }
        // PostgreSQL (~3 s) starts while S3 starts here
        CompletableFuture<Map<String, Object>> postgresStart =
                CompletableFuture.supplyAsync(this::startOfflineDatabase);
        Map<String, Object> s3Properties = settings.externalS3Endpoint().isPresent() ? Map.of() : startS3();
        Map<String, Object> postgresProperties = postgresStart.join();
        long infrastructureMillis = (System.nanoTime() - started) / 1_000_000;

        var properties = applicationProperties(bootstrapServers, registryUrl);
        properties.putAll(s3Properties);
        properties.putAll(postgresProperties);
        application = new SpringApplicationBuilder(AihubApplication.class)
                .main(AihubApplication.class)
                .properties(properties)
                .registerShutdownHook(false)
                .run(args);
        long applicationMillis = (System.nanoTime() - started) / 1_000_000 - infrastructureMillis;
        startOfflineSink(bootstrapServers, registryUrl);

        var replaySettings = new Replay.Settings(
                settings.replayData(), settings.telemetryTopic(), settings.backfill(), settings.speed());
        replay = Replay.start(
                replaySettings,
                Replay.producer(bootstrapServers, new ApicurioSerdes(registryUrl)),
                InstantSource.system());
        printWelcome(bootstrapServers, registryUrl, infrastructureMillis, applicationMillis, started);
        registerDemoModels();
    }

    /** One seasonal-profile model per NAB series, trained on its back-fill, registered into production. */
    private void registerDemoModels() {
        var running = replay;
        var app = application;
        if (running == null || app == null) {
            return;
        }
        int port = app.getEnvironment().getProperty("local.server.port", Integer.class, settings.serverPort());
        try {
            var models = DemoModels.register(
                    "http://localhost:" + port,
                    ReplayData.load(settings.replayData()),
                    running.startedAt().toEpochMilli(),
                    settings.backfill());
            System.out.println("  models       " + models.size()
                    + " seasonal profiles trained on the back-fill (series with at least 336 readings in it),");
            System.out.println("               registered in production for tenant 'nab': the stream now scores their"
                    + " readings (topic '"
                    + settings.topicPrefix() + "anomalies'):");
            System.out.println("  curl -s 'http://localhost:" + port + "/ai/models/?tenant_id=nab'");
            System.out.flush();
        } catch (IOException e) {
            LOG.warn("Demo models not registered: {}", e.toString());
        }
    }

    private void resetDataDirectory() {
        try {
            Files.createDirectories(settings.dataDirectory());
            // the replay rebases the data to "now": state from an earlier run would be in the future of it
            DirectoryTrees.deleteIfExists(streamsStateDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the data directory " + settings.dataDirectory(), e);
        }
    }

    private Path streamsStateDirectory() {
        return settings.dataDirectory().resolve("streams");
    }

    private String startKafka() {
        var broker = EmbeddedKafka.in(settings.dataDirectory().resolve("kafka"))
                .withPartitions(6)
                .start();
        kafka = broker;
        return broker.bootstrapServers();
    }

    private ApicurioServer startRegistry() {
        // our shutdown hook stops the application before the registry; the server's own hook is the safety net
        var server = ApicurioServer.inMemory(
                        ApicurioArchive.locate(), settings.dataDirectory().resolve("registry"))
                .withShutdownHookGrace(Duration.ofSeconds(30));
        registry = server;
        return server.start();
    }

    /** S3Proxy on loopback with a filesystem store under the data directory: models survive a restart. */
    private Map<String, Object> startS3() {
        var server = EmbeddedS3.filesystem(settings.dataDirectory().resolve("s3"));
        s3 = server;
        server.start();
        return Map.of(
                "aihub.s3.endpoint", server.endpoint(),
                "aihub.s3.access-key", server.accessKey(),
                "aihub.s3.secret-key", server.secretKey());
    }

    /** The offline store's database, unless turned off; a database that does not start only turns it off. */
    private Map<String, Object> startOfflineDatabase() {
        if (!settings.offlineStore()) {
            LOG.info("Offline store off (AIHUB_POSTGRES_URL=none): no PostgreSQL, no Connect worker");
            return Map.of();
        }
        var store = EmbeddedOfflineStore.of(
                settings.externalPostgres(),
                settings.dataDirectory().resolve("offline-store"),
                Optional.of(settings.connectPluginPath()),
                settings.topicPrefix());
        try {
            var database = store.startDatabase();
            offlineStore = store;
            return Map.of(
                    "aihub.postgres.url", database.jdbcUrl(),
                    "aihub.postgres.user", database.user(),
                    "aihub.postgres.password", database.password());
        } catch (InfrastructureException e) {
            LOG.warn("Offline store off: {}{}", e.getMessage(), e.getCause() == null ? "" : " (" + e.getCause() + ")");
            run(store::close, new InfrastructureException("ignored"));
            return Map.of();
        }
    }

    /** The sink in a Connect worker of its own, once the application has created the topics it reads. */
    private void startOfflineSink(String bootstrapServers, String registryUrl) {
        var store = offlineStore;
        if (store == null) {
            return;
        }
        try {
            store.startSink(bootstrapServers, registryUrl);
        } catch (InfrastructureException e) {
            LOG.warn("Offline store: the PostgreSQL sink is not running, the database stays empty: {}", e.getMessage());
        }
    }

    private Map<String, Object> applicationProperties(String bootstrapServers, String registryUrl) {
        var properties = new LinkedHashMap<String, Object>();
        properties.put("aihub.kafka.bootstrap-servers", bootstrapServers);
        properties.put("aihub.registry.url", registryUrl);
        properties.put(
                "aihub.streams.state-dir",
                streamsStateDirectory().toAbsolutePath().toString());
        properties.put("aihub.environment", "demo");
        // the replay's vectors carry event times up to the back-fill in the past, and their record time is the event
        // time: with the back-fill added, the feature topics keep even the oldest a week (the broker's default)
        // from now instead of deleting it at the broker's first retention check (AIHUB_TOPICS_FEATURES_RETENTION wins)
        properties.put(
                "aihub.topics.features-retention",
                settings.backfill().plus(DEMO_FEATURES_KEPT).toMillis() + "ms");
        if (System.getenv("AIHUB_EXPORT_DIR") == null) {
            // local feature exports under the demo's data directory (AIHUB_EXPORT_DIR, when set, wins)
            properties.put(
                    "aihub.export.dir",
                    settings.dataDirectory().resolve("exports").toAbsolutePath().toString());
        }
        QUIET_LOGGERS.forEach((logger, level) -> properties.put("logging.level." + logger, level));
        return properties;
    }

    private void printWelcome(
            String bootstrapServers,
            String registryUrl,
            long infrastructureMillis,
            long applicationMillis,
            long started) {
        int port = application == null
                ? settings.serverPort()
                : application.getEnvironment().getProperty("local.server.port", Integer.class, settings.serverPort());
        String app = "http://localhost:" + port;
        PrintStream out = System.out;
        out.println();
        out.println("==================================================================================");
        out.printf(
                "  AI Hub Streams demo is up in %.1f s (Kafka + registry %.1f s, application %.1f s)%n",
                (System.nanoTime() - started) / 1e9, infrastructureMillis / 1e3, applicationMillis / 1e3);
        out.println();
        out.println("  application  " + app);
        out.println("  health       " + app + "/health");
        out.println("  registry     " + registryUrl
                + (settings.externalRegistryUrl().isPresent()
                        ? "  (external)"
                        : "  (Apicurio " + ApicurioServer.VERSION + ")"));
        out.println("  kafka        " + bootstrapServers
                + (settings.externalBootstrapServers().isPresent() ? "  (external)" : "  (embedded KRaft)"));
        out.println("  models (S3)  "
                + (s3 == null
                        ? settings.externalS3Endpoint().orElse("") + "  (external)"
                        : s3.endpoint() + "  (S3Proxy, files under the data dir)"));
        out.println(
                "  data dir     " + settings.dataDirectory().toAbsolutePath().normalize());
        printOfflineStore(out);
        out.printf(
                "  replay       %s -> topic '%s': %d readings, back-fill %s sent now, then %sx real time%n",
                settings.replayData(),
                settings.telemetryTopic(),
                replay == null ? 0 : replay.size(),
                Replay.human(settings.backfill()),
                settings.speed());
        out.println("               (event times run ahead of the wall clock at speeds above 1)");
        out.println();
        out.println("  Try:");
        out.println("  curl -s -X POST " + app + "/ai/features/get -H 'Content-Type: application/json' \\");
        out.println("       -d '{\"tenant_id\":\"ett\",\"asset_id\":\"ETTh2\",\"metric\":\"OT\","
                + "\"feature_set\":\"forecast_advanced\"}'");
        out.println("  curl -s " + app + "/ai/features/sets");
        out.println("  curl -s -X POST " + app + "/ai/features/get -H 'Content-Type: application/json' \\");
        out.println("       -d '{\"tenant_id\":\"nab\",\"asset_id\":\"machine_temperature_system_failure\","
                + "\"metric\":\"value\",\"feature_set\":\"anomaly_detection\"}'");
        out.println("  curl -sN '" + app + "/ai/anomalies/stream?tenant_id=nab'     # anomalies as they are found");
        var store = offlineStore;
        if (store != null && store.worker().isPresent()) {
            String psql = store.psql().orElseThrow();
            out.println("  " + psql + " -c 'SELECT count(*) FROM ai_features'");
            out.println("  " + psql + " -c \"SELECT * FROM get_lag_features('ett', 'ETTh2', now(),"
                    + " ARRAY[1, 24, 168], 'OT')\"");
        }
        out.println();
        out.println("  Ctrl-C stops everything.");
        out.println("==================================================================================");
        out.flush();
    }

    /** Stops the replay, the application, the registry and the broker, in that order. Idempotent. */
    @Override
    public synchronized void close() {
        long started = System.nanoTime();
        var failure = new InfrastructureException("the demo did not stop cleanly");
        if (replay != null) {
            run(replay::close, failure);
            replay.sentByTenant()
                    .forEach((tenant, count) -> LOG.info("Replay [{}]: {} readings sent in total", tenant, count));
            replay = null;
        }
        if (offlineStore != null) {
            run(offlineStore::close, failure);
            offlineStore = null;
        }
        if (application != null) {
            run(application::close, failure);
            application = null;
        }
        if (registry != null) {
            run(registry::close, failure);
            registry = null;
        }
        if (s3 != null) {
            run(s3::close, failure);
            s3 = null;
        }
        if (kafka != null) {
            run(kafka::close, failure);
            kafka = null;
        }
        LOG.info("aihub demo stopped in {} ms", (System.nanoTime() - started) / 1_000_000);
        if (failure.getSuppressed().length > 0) {
            LOG.error("aihub demo shutdown had errors", failure);
        }
    }

    private void printOfflineStore(PrintStream out) {
        var store = offlineStore;
        var database = store == null ? Optional.<PostgresConnection>empty() : store.database();
        if (store == null || database.isEmpty()) {
            out.println("  offline      off"
                    + (settings.offlineStore()
                            ? "  (PostgreSQL did not start, see the log)"
                            : "  (AIHUB_POSTGRES_URL=none)"));
            return;
        }
        out.println("  offline      " + database.get().jdbcUrl()
                + (store.isEmbedded() ? "  (embedded PostgreSQL, files under the data dir)" : "  (external)"));
        out.println("               "
                + (store.worker().isPresent()
                        ? "filled by Kafka Connect sink '" + EmbeddedOfflineStore.CONNECTOR_NAME
                                + "' in process (no REST port)"
                        : "sink NOT running (see the log): the tables stay empty"));
    }

    private static void run(Runnable step, Exception failures) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failures.addSuppressed(e);
        }
    }

    /** Until Spring configures logging, logback's default is DEBUG: keep the broker start readable. */
    private static void quietEarlyLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
            QUIET_LOGGERS.forEach((name, level) -> context.getLogger(name).setLevel(Level.toLevel(level)));
        }
    }
}
