package io.aihub.services.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker in this JVM: one combined KRaft node (broker + controller) on a free loopback port, with
 * the replication settings a single node needs. Ready in 2-3 s.
 *
 * <p>Message timestamps may run ahead of the wall clock without limit
 * ({@code log.message.timestamp.after.max.ms}), because the demo replay sends event times faster than real time.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    /** Default partitions of an auto-created or defaulted topic. */
    public static final int DEFAULT_PARTITIONS = 4;

    private final @Nullable Path dataDirectory;
    private final int partitions;
    private final Map<String, String> extraConfig;
    private @Nullable KafkaClusterTestKit cluster;
    private @Nullable Path temporaryDirectory;

    private EmbeddedKafka(@Nullable Path dataDirectory, int partitions, Map<String, String> extraConfig) {
        this.dataDirectory = dataDirectory;
        this.partitions = partitions;
        this.extraConfig = Map.copyOf(extraConfig);
    }

    /** A broker whose logs live in a temporary directory deleted on {@link #close()}. */
    public static EmbeddedKafka temporary() {
        return new EmbeddedKafka(null, DEFAULT_PARTITIONS, Map.of());
    }

    /**
     * A broker whose logs live under {@code directory}; the directory is emptied first, so each start is a fresh
     * cluster, and is kept on {@link #close()} for inspection.
     */
    public static EmbeddedKafka in(Path directory) {
        return new EmbeddedKafka(directory, DEFAULT_PARTITIONS, Map.of());
    }

    /** This broker with a different default partition count. */
    public EmbeddedKafka withPartitions(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + count);
        }
        return new EmbeddedKafka(dataDirectory, count, extraConfig);
    }

    /** This broker with one more broker setting. */
    public EmbeddedKafka withConfig(String key, String value) {
        var config = new LinkedHashMap<>(extraConfig);
        config.put(key, value);
        return new EmbeddedKafka(dataDirectory, partitions, config);
    }

    /** Formats the storage and starts the node; returns once the broker accepts clients. */
    public synchronized EmbeddedKafka start() {
        if (cluster != null) {
            return this;
        }
        long started = System.nanoTime();
        try {
            var nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1);
            if (dataDirectory != null) {
                DirectoryTrees.deleteIfExists(dataDirectory);
                Files.createDirectories(dataDirectory);
                nodes.setBaseDirectory(dataDirectory);
            } else {
                // our own directory, deleted by close(): the test kit's default one registers a JVM shutdown hook
                // that deletes the logs while the broker may still be running, and the broker then halts the JVM
                // with exit code 1 on the log directory failure
                temporaryDirectory = Files.createTempDirectory("aihub-kafka-");
                nodes.setBaseDirectory(temporaryDirectory);
            }
            var builder = new KafkaClusterTestKit.Builder(nodes.build()).setDeleteOnClose(false);
            brokerConfig().forEach(builder::setConfigProp);
            var kit = builder.build();
            try {
                kit.format();
                kit.startup();
                kit.waitForReadyBrokers();
            } catch (Exception | Error e) {
                closeQuietly(kit, e);
                deleteTemporaryDirectory();
                throw e;
            }
            cluster = kit;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted while starting the embedded Kafka broker", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Kafka data directory " + dataDirectory, e);
        } catch (Exception e) {
            throw new InfrastructureException("the embedded Kafka broker did not start", e);
        }
        LOG.info(
                "Embedded Kafka broker ready at {} in {} ms (data: {})",
                bootstrapServers(),
                (System.nanoTime() - started) / 1_000_000,
                Optional.ofNullable(dataDirectory).map(Path::toString).orElse("temporary"));
        return this;
    }

    private Map<String, String> brokerConfig() {
        var config = new LinkedHashMap<String, String>();
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "4");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("transaction.state.log.num.partitions", "4");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("default.replication.factor", "1");
        config.put("min.insync.replicas", "1");
        config.put("num.partitions", Integer.toString(partitions));
        config.put("auto.create.topics.enable", "true");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("log.message.timestamp.after.max.ms", Long.toString(Long.MAX_VALUE));
        config.putAll(extraConfig);
        return config;
    }

    /** The {@code bootstrap.servers} of the running broker. */
    public String bootstrapServers() {
        var kit = cluster;
        if (kit == null) {
            throw new IllegalStateException("the embedded Kafka broker is not started");
        }
        return kit.bootstrapServers();
    }

    /** Stops the broker; a temporary data directory is deleted. Idempotent. */
    @Override
    public synchronized void close() {
        var kit = cluster;
        cluster = null;
        if (kit == null) {
            return;
        }
        try {
            kit.close();
            LOG.info("Embedded Kafka broker stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted while stopping the embedded Kafka broker", e);
        } catch (Exception e) {
            throw new InfrastructureException("the embedded Kafka broker did not stop cleanly", e);
        } finally {
            deleteTemporaryDirectory();
        }
    }

    private void deleteTemporaryDirectory() {
        var directory = temporaryDirectory;
        temporaryDirectory = null;
        if (directory != null) {
            try {
                DirectoryTrees.deleteIfExists(directory);
            } catch (IOException e) {
                LOG.warn("cannot delete the temporary Kafka data directory {}: {}", directory, e.toString());
            }
        }
    }

    private static void closeQuietly(KafkaClusterTestKit kit, Throwable cause) {
        try {
            kit.close();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }
}
