package io.aihub.connectors.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.aihub.schemas.FeatureVector;
import io.aihub.schemas.TelemetryReading;
import io.aihub.services.standalone.ApicurioArchive;
import io.aihub.services.standalone.ApicurioSerdes;
import io.aihub.services.standalone.ApicurioServer;
import io.aihub.services.standalone.EmbeddedKafka;
import io.aihub.services.standalone.EmbeddedOfflineStore;
import io.aihub.services.standalone.PostgresConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.runtime.AbstractStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The single-machine mode's offline store, as {@code ./aihub demo} starts it: an embedded PostgreSQL and the sink in
 * an in-process Connect worker of its own, against a real KRaft broker in this JVM and the real Apicurio Registry.
 * Records written as the stream writes them arrive as rows; the connector's migrations made the tables and functions
 * (here without TimescaleDB, which neither the embedded nor the CI's PostgreSQL has: the plain retention path).
 */
class DemoOfflineStoreIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private static EmbeddedKafka kafka;
    private static ApicurioServer registry;

    @BeforeAll
    static void startServers() throws Exception {
        kafka = EmbeddedKafka.temporary().start();
        registry = ApicurioServer.inMemory(ApicurioArchive.locate(), Files.createTempDirectory("aihub-demo-pg-it-"))
                .start();
        // the application creates its topics before the demo starts the sink
        try (var admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            var topics = List.of(
                            "telemetry",
                            "features",
                            "features-hourly",
                            "features-daily",
                            "weather",
                            "anomalies",
                            "forecasts")
                    .stream()
                    .map(name -> new NewTopic(name, 2, (short) 1))
                    .toList();
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopServers() {
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldWriteTheStreamsRecordsToTheEmbeddedPostgresAndStopCleanly() throws Exception {
        // Given the data directory of a demo that was killed (its cluster left behind)
        Path directory = Files.createTempDirectory("aihub-demo-offline-store-");
        Files.createDirectories(directory.resolve("postgres/data"));
        Files.writeString(directory.resolve("postgres/data/postmaster.pid"), "4711\n");
        var store = EmbeddedOfflineStore.of(Optional.empty(), directory, Optional.empty(), "");
        PostgresConnection database;
        try {
            database = store.startDatabase();
            store.startSink(kafka.bootstrapServers(), registry.url());

            var readings = new ArrayList<TelemetryReading>();
            var vectors = new ArrayList<FeatureVector>();
            for (int hour = 0; hour < 30; hour++) {
                Instant t = T0.plus(hour, ChronoUnit.HOURS);
                readings.add(SampleRecords.reading("meter-1", t, hour));
                vectors.add(SampleRecords.vector("meter-1", "power_kw", t, hour));
            }
            send("telemetry", TelemetryReading.class, readings);
            send("features", FeatureVector.class, vectors);

            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(count(database, "SELECT count(*) FROM timeseries_data"))
                        .isEqualTo(30);
                assertThat(count(database, "SELECT count(*) FROM ai_features")).isEqualTo(30);
            });
            var status = store.worker().orElseThrow().status(EmbeddedOfflineStore.CONNECTOR_NAME);
            assertThat(status.connector().state()).isEqualTo(AbstractStatus.State.RUNNING.name());
            assertThat(status.tasks())
                    .hasSize(2)
                    .allSatisfy(task -> assertThat(task.state()).isEqualTo(AbstractStatus.State.RUNNING.name()));
            // the psql example the demo prints: lag 1h of the reading at T0 + 29 h is the one at T0 + 28 h
            assertThat(count(
                            database,
                            "SELECT lag_value FROM get_lag_features('tenant-1', 'meter-1', '"
                                    + T0.plus(29, ChronoUnit.HOURS) + "', ARRAY[1], 'power_kw')"))
                    .isEqualTo(28);
            // no TimescaleDB in the embedded PostgreSQL: plain tables, every table's retention by the sink
            assertThat(count(database, "SELECT count(*) FROM pg_extension WHERE extname = 'timescaledb'"))
                    .isZero();
            assertThat(count(database, "SELECT count(*) FROM retention_policies WHERE managed_by = 'aihub'"))
                    .isEqualTo(7);
            assertThat(count(database, "SELECT count(*) FROM aihub_apply_retention(now())"))
                    .isEqualTo(7);
        } finally {
            store.close();
        }

        assertThat(store.worker()).isEmpty();
        assertThat(store.database()).isEmpty();
        assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), database.user(), "")
                        .close())
                .as("the embedded PostgreSQL is stopped")
                .isInstanceOf(SQLException.class);
    }

    private static <V extends SpecificRecord> void send(String topic, Class<V> type, List<V> values) throws Exception {
        var config = Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
        try (var serde = new ApicurioSerdes(registry.url()).value(type);
                var producer = new KafkaProducer<>(config, new StringSerializer(), serde.serializer())) {
            var sent = new ArrayList<java.util.concurrent.Future<?>>();
            for (V value : values) {
                var record = new ProducerRecord<String, V>(topic, "tenant-1:meter-1", value);
                sent.add(producer.send(record));
            }
            for (var future : sent) {
                future.get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static long count(PostgresConnection database, String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                var statement = connection.createStatement();
                var result = statement.executeQuery(sql)) {
            result.next();
            return Math.round(result.getDouble(1));
        }
    }
}
