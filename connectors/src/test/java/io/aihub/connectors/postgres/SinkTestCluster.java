package io.aihub.connectors.postgres;

import io.aihub.services.standalone.ApicurioArchive;
import io.aihub.services.standalone.ApicurioSerdes;
import io.aihub.services.standalone.ApicurioServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * The real servers of the sink's ITs: one Kafka Connect cluster (one worker, one KRaft broker: Kafka's own
 * {@link EmbeddedConnectCluster}), one Apicurio Registry server (the same launcher the services' ITs use) and the local
 * PostgreSQL at 127.0.0.1:5432 (database {@code test}, trust authentication), where each test writes to a schema of its
 * own.
 */
final class SinkTestCluster implements AutoCloseable {

    static final String JDBC_URL = System.getProperty("aihub.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String JDBC_USER = System.getProperty("aihub.it.postgres.user", "postgres");

    private final ApicurioServer registry;
    private final EmbeddedConnectCluster connect;
    private final KafkaProducer<byte[], byte[]> producer;

    /** The cluster shared by every IT class of the JVM, started on first use, stopped when the JVM exits. */
    static SinkTestCluster shared() {
        return Shared.INSTANCE;
    }

    private static final class Shared {
        static final SinkTestCluster INSTANCE = start();

        private static SinkTestCluster start() {
            var cluster = new SinkTestCluster();
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "sink-it-cluster-shutdown"));
            return cluster;
        }
    }

    private SinkTestCluster() {
        try {
            registry = ApicurioServer.inMemory(ApicurioArchive.locate(), Files.createTempDirectory("aihub-sink-it-"))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the registry's work directory", e);
        }
        Map<String, String> worker = new HashMap<>();
        worker.put(WorkerConfig.OFFSET_COMMIT_INTERVAL_MS_CONFIG, "500");
        worker.put(WorkerConfig.KEY_CONVERTER_CLASS_CONFIG, StringConverter.class.getName());
        worker.put(WorkerConfig.VALUE_CONVERTER_CLASS_CONFIG, StringConverter.class.getName());
        connect = new EmbeddedConnectCluster.Builder()
                .name("aihub-sink-it")
                .numWorkers(1)
                .numBrokers(1)
                .workerProps(worker)
                .build();
        connect.start();
        producer = connect.kafka().createProducer(Map.of());
    }

    EmbeddedConnectCluster connect() {
        return connect;
    }

    String registryUrl() {
        return registry.url();
    }

    /** Sends Avro values through the Apicurio serde, as the stream writes them, and waits for the acknowledgements. */
    <V extends SpecificRecord> void send(String topic, Class<V> type, List<V> values) {
        try (var serializer = new ApicurioSerdes(registry.url()).value(type).serializer()) {
            var sent = values.stream()
                    .map(value -> {
                        var headers = new RecordHeaders();
                        byte[] bytes = serializer.serialize(topic, headers, value);
                        return producer.send(new ProducerRecord<>(topic, null, null, null, bytes, headers));
                    })
                    .toList();
            for (var future : sent) {
                future.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    /** Sends raw bytes (e.g. a value no converter can read). */
    void sendRaw(String topic, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    static Connection database() throws SQLException {
        return DriverManager.getConnection(JDBC_URL, JDBC_USER, "");
    }

    static void dropSchema(String schema) throws SQLException {
        try (var connection = database();
                var statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        }
    }

    @Override
    public void close() {
        producer.close();
        connect.stop();
        registry.close();
    }
}
