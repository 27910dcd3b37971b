package io.aihub.services.testing;

import io.aihub.services.standalone.ApicurioArchive;
import io.aihub.services.standalone.ApicurioSerdes;
import io.aihub.services.standalone.ApicurioServer;
import io.aihub.services.standalone.EmbeddedKafka;
import io.aihub.services.standalone.EmbeddedS3;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One real Kafka broker, one real Apicurio Registry server and one S3 API server (S3Proxy) per test JVM, started lazily on first use, shared by
 * every {@code *IT} class and stopped when the test run ends (or, failing that, when the JVM exits). Tests keep apart through {@link #uniquePrefix(String)}
 * topic prefixes and application ids.
 */
public final class SharedInfrastructure {

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final List<AutoCloseable> STARTED = new CopyOnWriteArrayList<>();

    private SharedInfrastructure() {}

    /** The shared broker's {@code bootstrap.servers}. */
    public static String bootstrapServers() {
        return Broker.INSTANCE.bootstrapServers();
    }

    /** The shared registry's v3 API URL. */
    public static String registryUrl() {
        return Registry.INSTANCE.url();
    }

    /** The shared S3 API server (S3Proxy, in memory). */
    public static EmbeddedS3 s3() {
        return S3.INSTANCE;
    }

    /** Apicurio Avro serdes against the shared registry. */
    /** A feature catalog file with this YAML, for {@code aihub.features.catalog}. */
    public static String catalogFile(String yaml) {
        try {
            var file = Files.createTempDirectory("aihub-catalog-").resolve("catalog.yaml");
            return Files.writeString(file, yaml).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a catalog file", e);
        }
    }

    /**
     * A consumer of committed records from the earliest offset, with String keys and {@code valueType} values read
     * through the registry.
     */
    public static <V extends SpecificRecord> KafkaConsumer<String, V> consumer(String groupId, Class<V> valueType) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        return new KafkaConsumer<>(
                config, new StringDeserializer(), serdes().value(valueType).deserializer());
    }

    public static ApicurioSerdes serdes() {
        return new ApicurioSerdes(registryUrl());
    }

    /**
     * A name unique in this JVM and across runs on the same broker, e.g. {@code roundtrip-3-1a2b3c-}; use it as a
     * topic prefix or as (the start of) a Kafka Streams application id.
     */
    public static String uniquePrefix(String purpose) {
        return purpose + "-" + SEQUENCE.incrementAndGet() + "-" + Long.toString(System.nanoTime() & 0xffffff, 36) + "-";
    }

    /** A unique Kafka Streams application id / consumer group id. */
    public static String uniqueApplicationId(String purpose) {
        String prefix = uniquePrefix(purpose);
        return prefix.substring(0, prefix.length() - 1);
    }

    /**
     * Stops what was started, last first. Called by {@link InfrastructureShutdown} when the test run ends, while
     * the JVM is still alive, so that nothing is left to race in shutdown hooks.
     */
    static void stopAll() {
        var started = new ArrayList<>(STARTED);
        STARTED.clear();
        Collections.reverse(started);
        for (AutoCloseable resource : started) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("shared test infrastructure did not stop cleanly: " + e);
            }
        }
    }

    /** Initialization-on-demand holder: the broker starts on first access only. */
    private static final class Broker {
        static final EmbeddedKafka INSTANCE = start();

        private static EmbeddedKafka start() {
            var kafka = EmbeddedKafka.temporary().start();
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "shared-kafka-shutdown"));
            STARTED.add(kafka);
            return kafka;
        }
    }

    private static final class S3 {
        static final EmbeddedS3 INSTANCE = start();

        private static EmbeddedS3 start() {
            var s3 = EmbeddedS3.inMemory().start();
            STARTED.add(s3);
            return s3;
        }
    }

    private static final class Registry {
        static final ApicurioServer INSTANCE = start();

        private static ApicurioServer start() {
            try {
                var workDirectory = Files.createTempDirectory("aihub-apicurio-it-");
                // the server registers its own shutdown hook that destroys the child process
                var server = ApicurioServer.inMemory(ApicurioArchive.locate(), workDirectory)
                        .start();
                STARTED.add(server);
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a work directory for the shared Apicurio server", e);
            }
        }
    }
}
