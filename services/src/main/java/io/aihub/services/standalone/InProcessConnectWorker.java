package io.aihub.services.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.ConnectorConfig;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.Worker;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.storage.FileOffsetBackingStore;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.FutureCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Connect worker in this JVM: Kafka's standalone herder and worker, as {@code connect-standalone.sh} builds
 * them, but without the REST server (nothing listens on a port; connectors are added through {@link #putConnector}).
 * Plugins are found with {@code plugin.discovery=service_load} on the class path and, isolated in their own class
 * loaders, in the directories of {@code plugin.path} (e.g. the connectors module's {@code target/connect-plugin}).
 * Sink connectors' consumer offsets live in Kafka (group {@code connect-<name>}); the standalone offset file (for
 * source connectors) under the worker's directory.
 */
public final class InProcessConnectWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessConnectWorker.class);

    private static final Duration CONNECTOR_START_TIMEOUT = Duration.ofSeconds(60);

    private final StandaloneHerder herder;
    private final Plugins plugins;
    private boolean stopped;

    private InProcessConnectWorker(StandaloneHerder herder, Plugins plugins) {
        this.herder = herder;
        this.plugins = plugins;
    }

    /**
     * Starts a worker against {@code bootstrapServers}; {@code pluginPath}, when present, is Connect's
     * {@code plugin.path}. {@code directory} holds the offset file. Keys and values default to
     * {@link StringConverter}; each connector sets its own.
     */
    public static InProcessConnectWorker start(String bootstrapServers, Optional<Path> pluginPath, Path directory) {
        long started = System.nanoTime();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Connect worker's directory " + directory, e);
        }
        Map<String, String> props = new HashMap<>();
        props.put(WorkerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(WorkerConfig.KEY_CONVERTER_CLASS_CONFIG, StringConverter.class.getName());
        props.put(WorkerConfig.VALUE_CONVERTER_CLASS_CONFIG, StringConverter.class.getName());
        props.put(WorkerConfig.OFFSET_COMMIT_INTERVAL_MS_CONFIG, "10000");
        props.put(WorkerConfig.PLUGIN_DISCOVERY_CONFIG, "service_load");
        pluginPath.ifPresent(path -> props.put(
                WorkerConfig.PLUGIN_PATH_CONFIG,
                path.toAbsolutePath().normalize().toString()));
        props.put(
                StandaloneConfig.OFFSET_STORAGE_FILE_FILENAME_CONFIG,
                directory.resolve("connect.offsets").toAbsolutePath().toString());
        // a sink subscribing to a topic the application has not created yet must not create it with broker defaults
        props.put("consumer.allow.auto.create.topics", "false");

        var plugins = new Plugins(props);
        StandaloneHerder herder;
        try (var loaderSwap = plugins.withClassLoader(plugins.delegatingLoader())) {
            var config = new StandaloneConfig(props);
            // newPlugins, not newPlugin: the latter's overloads need maven-artifact (Connect's runtime-only dependency)
            // to compile
            var policy = plugins.newPlugins(
                            List.of(config.getString(WorkerConfig.CONNECTOR_CLIENT_POLICY_CLASS_CONFIG)),
                            config,
                            ConnectorClientConfigOverridePolicy.class)
                    .getFirst();
            var offsets = new FileOffsetBackingStore(plugins.newInternalConverter(
                    true, JsonConverter.class.getName(), Map.of("schemas.enable", "false")));
            offsets.configure(config);
            var worker = new Worker("aihub-demo-connect", Time.SYSTEM, plugins, config, offsets, policy);
            herder = new StandaloneHerder(worker, config.kafkaClusterId(), policy);
            herder.start();
            herder.ready();
        }
        LOG.info(
                "Kafka Connect worker (in process, no REST server) ready in {} ms",
                (System.nanoTime() - started) / 1_000_000);
        return new InProcessConnectWorker(herder, plugins);
    }

    /** Creates or replaces connector {@code name}; returns once the worker has started the connector itself. */
    public void putConnector(String name, Map<String, String> config) {
        var withName = new HashMap<>(config);
        withName.put(ConnectorConfig.NAME_CONFIG, name);
        var created = new FutureCallback<Herder.Created<ConnectorInfo>>();
        // as connect-standalone.sh does: the herder's executors are created by this call and inherit the context class
        // loader; without Connect's delegating loader they cannot resolve a converter of an isolated plugin, and the
        // herder's executor drops that error (the connector starts, its tasks never do)
        try (var loaderSwap = plugins.withClassLoader(plugins.delegatingLoader())) {
            herder.putConnectorConfig(name, withName, true, created);
        }
        try {
            created.get(CONNECTOR_START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new InfrastructureException(
                    "Kafka Connect refused connector " + name + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new InfrastructureException("connector " + name + " did not start in " + CONNECTOR_START_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted while starting connector " + name, e);
        }
    }

    /** The connector's and its tasks' states ({@code RUNNING}, {@code FAILED} with a trace, ...). */
    public ConnectorStateInfo status(String name) {
        return herder.connectorStatus(name);
    }

    /** The worker's plugins (which connectors and converters it found). */
    public Plugins plugins() {
        return plugins;
    }

    /** Stops the connectors (their tasks commit their offsets) and the worker. Idempotent. */
    @Override
    public synchronized void close() {
        if (!stopped) {
            stopped = true;
            herder.stop();
        }
    }

    @Override
    public String toString() {
        return "InProcessConnectWorker[" + herder.kafkaClusterId() + "]";
    }
}
