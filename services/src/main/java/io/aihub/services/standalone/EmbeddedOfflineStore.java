package io.aihub.services.standalone;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-machine mode's offline store: a PostgreSQL (the one {@code AIHUB_POSTGRES_URL} names, else an embedded
 * one under the data directory) filled by the {@code connectors} module's {@code PostgresSinkConnector}, running in a
 * Kafka Connect worker of its own in this JVM ({@link InProcessConnectWorker}) with the configuration of
 * {@code deploy/connect/aihub-postgres-sink.json}. The connector's Flyway migrations create the tables when it starts.
 * {@code AIHUB_POSTGRES_URL=none} turns it off.
 */
public final class EmbeddedOfflineStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedOfflineStore.class);

    /** The connector's name, as in the deployment ({@code PUT /connectors/aihub-postgres-sink/config}). */
    public static final String CONNECTOR_NAME = "aihub-postgres-sink";

    /** The topics the sink reads (before the topic prefix) and the {@code table.mapping} kind of each. */
    static final Map<String, String> TOPIC_KINDS = orderedKinds();

    /** The sink's dead-letter topic (before the topic prefix). */
    static final String DEAD_LETTER_TOPIC = "dead-letter-postgres-sink";

    private final @Nullable PostgresConnection external;
    private final Path directory;
    private final Optional<Path> pluginPath;
    private final String topicPrefix;
    private volatile @Nullable EmbeddedPostgresServer embedded;
    private volatile @Nullable PostgresConnection database;
    private volatile @Nullable InProcessConnectWorker worker;

    private EmbeddedOfflineStore(
            @Nullable PostgresConnection external, Path directory, Optional<Path> pluginPath, String topicPrefix) {
        this.external = external;
        this.directory = directory;
        this.pluginPath = pluginPath;
        this.topicPrefix = topicPrefix;
    }

    /**
     * An offline store on {@code external} if present, else on an embedded PostgreSQL under {@code directory}; the
     * Connect worker loads the connector from {@code pluginPath} if present, else from the class path.
     */
    public static EmbeddedOfflineStore of(
            Optional<PostgresConnection> external, Path directory, Optional<Path> pluginPath, String topicPrefix) {
        return new EmbeddedOfflineStore(external.orElse(null), directory, pluginPath, topicPrefix);
    }

    /** Starts the embedded PostgreSQL, unless an external one is configured; returns the database to use. */
    public PostgresConnection startDatabase() {
        var current = database;
        if (current != null) {
            return current;
        }
        if (external != null) {
            current = external;
        } else {
            var server = EmbeddedPostgresServer.in(directory.resolve("postgres"));
            embedded = server;
            current = server.start();
        }
        database = current;
        return current;
    }

    /**
     * Starts the Connect worker and the sink against {@code bootstrapServers} and the registry at {@code registryUrl};
     * returns once the connector runs (its migrations done). Call after the application has created its topics.
     */
    public void startSink(String bootstrapServers, String registryUrl) {
        var db = startDatabase();
        pluginPath.ifPresent(path -> {
            if (!Files.isDirectory(path)) {
                throw new InfrastructureException("no Kafka Connect plugin directory at " + path.toAbsolutePath()
                        + " (mvn -pl connectors -am package builds connectors/target/connect-plugin)");
            }
        });
        long started = System.nanoTime();
        createDeadLetterTopic(bootstrapServers);
        var connect = InProcessConnectWorker.start(bootstrapServers, pluginPath, directory.resolve("connect"));
        try {
            connect.putConnector(CONNECTOR_NAME, sinkConfig(topicPrefix, db, registryUrl));
        } catch (RuntimeException e) {
            connect.close();
            throw e;
        }
        worker = connect;
        LOG.info(
                "Offline store: connector {} writes {} topics to {} (started in {} ms)",
                CONNECTOR_NAME,
                TOPIC_KINDS.size(),
                db,
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * The connector configuration of {@code deploy/connect/aihub-postgres-sink.json}, with this machine's topics
     * (prefixed), database and registry.
     */
    public static Map<String, String> sinkConfig(String topicPrefix, PostgresConnection db, String registryUrl) {
        var config = new LinkedHashMap<String, String>();
        config.put("connector.class", "io.aihub.connectors.postgres.PostgresSinkConnector");
        config.put("tasks.max", "2");
        config.put(
                "topics",
                TOPIC_KINDS.keySet().stream().map(topic -> topicPrefix + topic).collect(Collectors.joining(",")));
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "io.aihub.connectors.avro.AihubAvroConverter");
        config.put("value.converter.apicurio.registry.url", registryUrl);
        config.put("connection.url", withBatchedInserts(db.jdbcUrl()));
        config.put("connection.user", db.user());
        config.put("connection.password", db.password());
        config.put("db.schema", "public");
        config.put("batch.size", "1000");
        config.put("max.retries", "10");
        config.put("retry.backoff.ms", "3000");
        config.put(
                "table.mapping",
                TOPIC_KINDS.entrySet().stream()
                        .map(entry -> topicPrefix + entry.getKey() + ":" + entry.getValue())
                        .collect(Collectors.joining(",")));
        config.put("migrate", "true");
        config.put("retention.interval.ms", "3600000");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", topicPrefix + DEAD_LETTER_TOPIC);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        config.put("errors.log.enable", "true");
        config.put("errors.retry.timeout", "0");
        return config;
    }

    /** The database in use, once started. */
    public Optional<PostgresConnection> database() {
        return Optional.ofNullable(database);
    }

    /** Whether the database is the embedded one. */
    public boolean isEmbedded() {
        return external == null;
    }

    /** The Connect worker, once the sink is started. */
    public Optional<InProcessConnectWorker> worker() {
        return Optional.ofNullable(worker);
    }

    /** A {@code psql} command line for the database in use (no password: give it with PGPASSWORD). */
    public Optional<String> psql() {
        return database().map(db -> {
            var uri = java.net.URI.create(db.jdbcUrl().substring("jdbc:".length()));
            int port = uri.getPort() < 0 ? 5432 : uri.getPort();
            String name = uri.getPath() == null || uri.getPath().length() < 2
                    ? db.user()
                    : uri.getPath().substring(1);
            return "psql -h " + uri.getHost() + " -p " + port + " -U " + db.user() + " " + name;
        });
    }

    /** Stops the sink (its tasks commit their offsets), the worker and the embedded PostgreSQL. Idempotent. */
    @Override
    public synchronized void close() {
        var failure = new InfrastructureException("the offline store did not stop cleanly");
        var connect = worker;
        worker = null;
        if (connect != null) {
            try {
                connect.close();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
        var server = embedded;
        embedded = null;
        if (server != null) {
            try {
                server.close();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
        database = null;
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    /**
     * Creates the sink's dead-letter topic (broker defaults, replication 1 as the deployed config says) if missing;
     * Connect would create it too, but logs that at ERROR.
     */
    private void createDeadLetterTopic(String bootstrapServers) {
        var topic = new NewTopic(topicPrefix + DEAD_LETTER_TOPIC, Optional.empty(), Optional.of((short) 1));
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new InfrastructureException("cannot create the sink's dead-letter topic " + topic.name(), e);
            }
        } catch (TimeoutException e) {
            throw new InfrastructureException("cannot create the sink's dead-letter topic " + topic.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted while creating " + topic.name(), e);
        }
    }

    private static String withBatchedInserts(String jdbcUrl) {
        if (jdbcUrl.toLowerCase(java.util.Locale.ROOT).contains("rewritebatchedinserts")) {
            return jdbcUrl;
        }
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }

    private static Map<String, String> orderedKinds() {
        var kinds = new LinkedHashMap<String, String>();
        List.of(
                        "telemetry:telemetry",
                        "features:features",
                        "features-hourly:aggregates",
                        "features-daily:aggregates",
                        "weather:weather",
                        "anomalies:anomalies",
                        "forecasts:forecasts")
                .forEach(
                        pair -> kinds.put(pair.substring(0, pair.indexOf(':')), pair.substring(pair.indexOf(':') + 1)));
        return java.util.Collections.unmodifiableMap(kinds);
    }
}
