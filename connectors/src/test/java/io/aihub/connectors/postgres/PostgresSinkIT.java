package io.aihub.connectors.postgres;

import static io.aihub.connectors.postgres.SampleRecords.anomaly;
import static io.aihub.connectors.postgres.SampleRecords.forecast;
import static io.aihub.connectors.postgres.SampleRecords.reading;
import static io.aihub.connectors.postgres.SampleRecords.vector;
import static io.aihub.connectors.postgres.SampleRecords.weather;
import static io.aihub.connectors.postgres.SampleRecords.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aihub.schemas.AggregateWindow;
import io.aihub.schemas.AnomalyEvent;
import io.aihub.schemas.FeatureVector;
import io.aihub.schemas.ForecastEvent;
import io.aihub.schemas.TelemetryReading;
import io.aihub.schemas.WeatherObservation;
import io.aihub.schemas.WindowAggregate;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The connector in a real Connect worker ({@code EmbeddedConnectCluster}) reading Avro written through the real
 * Apicurio Registry, writing to the real PostgreSQL: every topic kind, batching, idempotent re-delivery, the
 * dead-letter queue and retention.
 */
class PostgresSinkIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private final SinkTestCluster cluster = SinkTestCluster.shared();

    private final List<SinkUnderTest> sinks = new ArrayList<>();

    @AfterEach
    void removeSinks() throws SQLException {
        for (SinkUnderTest sink : sinks) {
            sink.remove();
        }
    }

    @Test
    void shouldWriteEveryTopicInBatchesAndNoRowTwiceWhenRecordsAreRedelivered() throws Exception {
        // Given a connector with batches of 50 rows over all seven topics
        var sink = SinkUnderTest.start(cluster, "all-kinds", sinks, Map.of("batch.size", "50"));
        Instant base = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        var readings = IntStream.range(0, 400)
                .mapToObj(i -> reading("meter-1", base.plusSeconds(60L * i), i * 0.5))
                .toList();
        var vectors = List.of(vector("meter-1", "power_kw", base, 7.25));
        var windows = List.of(
                window(AggregateWindow.HOUR, base, Duration.ofHours(1)),
                window(AggregateWindow.DAY, base.truncatedTo(ChronoUnit.DAYS), Duration.ofDays(1)));

        // When every topic receives its records, and then all of them again (a re-delivery after a crash)
        for (int delivery = 0; delivery < 2; delivery++) {
            cluster.send(sink.topic("telemetry"), TelemetryReading.class, readings);
            cluster.send(sink.topic("features"), FeatureVector.class, vectors);
            cluster.send(sink.topic("features-hourly"), WindowAggregate.class, windows.subList(0, 1));
            cluster.send(sink.topic("features-daily"), WindowAggregate.class, windows.subList(1, 2));
            cluster.send(sink.topic("weather"), WeatherObservation.class, List.of(weather(base)));
            cluster.send(sink.topic("anomalies"), AnomalyEvent.class, List.of(anomaly(base)));
            cluster.send(sink.topic("forecasts"), ForecastEvent.class, List.of(forecast(base)));
        }
        // and reading 0 is re-sent with a new value, then a last reading marks the end of the telemetry topic
        cluster.send(sink.topic("telemetry"), TelemetryReading.class, List.of(reading("meter-1", base, 99.0)));
        Instant last = base.plus(Duration.ofHours(20));
        cluster.send(sink.topic("telemetry"), TelemetryReading.class, List.of(reading("meter-1", last, 1.0)));

        // Then each key has exactly one row, holding the latest delivery
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                sink.query("SELECT count(*) FROM timeseries_data WHERE \"timestamp\" = ?", last))
                        .containsExactly(List.of(1L)));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(sink.counts())
                        .isEqualTo(Map.of(
                                "timeseries_data", 401L,
                                "ai_features", 1L,
                                "hourly_aggregates", 1L,
                                "daily_aggregates", 1L,
                                "weather_features", 1L,
                                "anomalies", 1L,
                                "forecasts", 2L)));
        assertThat(sink.query(
                        "SELECT tenant_id, asset_id, metric, \"timestamp\", value, quality, unit FROM timeseries_data"
                                + " WHERE \"timestamp\" IN (?, ?) ORDER BY \"timestamp\"",
                        base,
                        base.plusSeconds(60)))
                .containsExactly(
                        List.of("tenant-1", "meter-1", "power_kw", base, 99.0, 1, "kW"),
                        List.of("tenant-1", "meter-1", "power_kw", base.plusSeconds(60), 0.5, 1, "kW"));
        assertThat(sink.query("SELECT metric, \"timestamp\", value, features::text, catalog_version FROM ai_features"))
                .containsExactly(List.of(
                        "power_kw",
                        base,
                        7.25,
                        "{\"lag_1h\": null, \"hour_of_day\": "
                                + (double) base.atZone(java.time.ZoneOffset.UTC).getHour()
                                + ", \"rolling_avg_24h\": 7.25}",
                        3));
        assertThat(sink.query("SELECT metric, \"timestamp\", value, feature_values[1], feature_values[7],"
                        + " feature_values[10], cardinality(feature_values) FROM ai_feature_values"))
                .as("the narrow copy the export reads (migration V5)")
                .containsExactly(List.of(
                        "power_kw",
                        base,
                        7.25,
                        (double) base.atZone(java.time.ZoneOffset.UTC).getHour(),
                        SinkUnderTest.NULL,
                        7.25,
                        38));
        assertThat(sink.query("SELECT bucket, metric, hourly_avg, hourly_min, hourly_max, hourly_stddev, hourly_count"
                        + " FROM hourly_features"))
                .containsExactly(List.of(base, "power_kw", 2.5, 1.0, 4.0, SinkUnderTest.NULL, 4L));
        assertThat(sink.query("SELECT bucket, daily_avg, daily_stddev, daily_count FROM daily_features"))
                .containsExactly(List.of(base.truncatedTo(ChronoUnit.DAYS), 2.5, 1.25, 4L));
        assertThat(sink.query("SELECT \"timestamp\", site_id, temperature, humidity, solar_irradiance, wind_speed,"
                        + " cloud_cover, precipitation FROM weather_features"))
                .containsExactly(List.of(base, "site-9", 21.5, SinkUnderTest.NULL, 640.0, 3.25, 12.0, 0.0));
        assertThat(sink.query("SELECT \"timestamp\", method, value, anomaly_score, is_anomaly, severity, expected_min,"
                        + " expected_max, expected_mean, expected_std, model_id, sensitivity FROM anomalies"))
                .containsExactly(List.of(
                        base, "z_score", 97.5, 4.75, true, "critical", 10.0, 50.0, 30.0, 6.5, SinkUnderTest.NULL, 3.0));
        assertThat(sink.query("SELECT forecast_id, target_time, issued_at, model_name, forecast_type, p10, p50, p90,"
                        + " features_used::text, training_metrics::text FROM forecasts ORDER BY target_time"))
                .containsExactly(
                        List.of(
                                "fc-" + base.toEpochMilli(),
                                base.plus(Duration.ofHours(1)),
                                base,
                                "seasonal_baseline",
                                "load",
                                8.0,
                                10.0,
                                12.5,
                                "[\"lag_24h\", \"hour_of_day\"]",
                                "{\"mae\": 1.5}"),
                        List.of(
                                "fc-" + base.toEpochMilli(),
                                base.plus(Duration.ofHours(2)),
                                base,
                                "seasonal_baseline",
                                "load",
                                9.0,
                                11.0,
                                13.5,
                                "[\"lag_24h\", \"hour_of_day\"]",
                                "{\"mae\": 1.5}"));
    }

    @Test
    void shouldDeadLetterRecordsThatCannotBeWrittenWithTheReasonAndKeepRunning() throws Exception {
        // Given a connector with a dead-letter queue
        var sink = SinkUnderTest.start(cluster, "dlq", sinks, Map.of());
        Instant t = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);

        // When a good reading, a NaN reading, a reading with an invalid tenant id, bytes no converter can read and
        // another good reading arrive
        cluster.send(sink.topic("telemetry"), TelemetryReading.class, List.of(reading("meter-1", t, 1.0)));
        cluster.send(
                sink.topic("telemetry"),
                TelemetryReading.class,
                List.of(reading("meter-1", t.plusSeconds(1), Double.NaN)));
        var badTenant = reading("meter-1", t.plusSeconds(2), 2.0);
        badTenant.setTenantId("no spaces allowed");
        cluster.send(sink.topic("telemetry"), TelemetryReading.class, List.of(badTenant));
        cluster.sendRaw(sink.topic("telemetry"), "not avro".getBytes(StandardCharsets.UTF_8));
        cluster.send(
                sink.topic("telemetry"), TelemetryReading.class, List.of(reading("meter-1", t.plusSeconds(4), 4.0)));

        // Then the three bad records are on the dead-letter topic with the reason, in order
        var dead = cluster.connect().kafka().consume(3, WAIT.toMillis(), sink.topic("sink-dlq"));
        var reasons = new ArrayList<List<String>>();
        for (ConsumerRecord<byte[], byte[]> record : dead) {
            reasons.add(List.of(
                    header(record, "__connect.errors.topic"),
                    header(record, "__connect.errors.offset"),
                    header(record, "__connect.errors.stage"),
                    header(record, "__connect.errors.exception.class.name")));
        }
        assertThat(reasons)
                .containsExactly(
                        List.of(sink.topic("telemetry"), "1", "TASK_PUT", BAD_RECORD),
                        List.of(sink.topic("telemetry"), "2", "TASK_PUT", BAD_RECORD),
                        List.of(
                                sink.topic("telemetry"),
                                "3",
                                "VALUE_CONVERTER",
                                "org.apache.kafka.connect.errors.DataException"));
        var messages = new ArrayList<String>();
        dead.forEach(record -> messages.add(header(record, "__connect.errors.exception.message")));
        assertThat(messages.get(0)).isEqualTo("value is not finite: NaN");
        assertThat(messages.get(1))
                .isEqualTo("tenant_id 'no spaces allowed' does not match ^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$");
        assertThat(messages.get(2)).startsWith("cannot read an Avro value of topic " + sink.topic("telemetry"));
        // and the good readings are written, the task still running
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                sink.query("SELECT \"timestamp\", value FROM timeseries_data ORDER BY \"timestamp\""))
                        .containsExactly(List.of(t, 1.0), List.of(t.plusSeconds(4), 4.0)));
        assertThat(cluster.connect().connectorStatus(sink.name()).tasks())
                .extracting(task -> task.state())
                .containsExactly("RUNNING");
    }

    @Test
    void shouldDeleteRowsOlderThanTheirTablesRetention() throws Exception {
        // Given a connector applying retention every second (timeseries_data keeps 7 days, ai_features 90)
        var sink = SinkUnderTest.start(cluster, "retention", sinks, Map.of("retention.interval.ms", "1000"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        // When readings and vectors 8 days and 1 day old arrive
        cluster.send(
                sink.topic("telemetry"),
                TelemetryReading.class,
                List.of(
                        reading("meter-1", now.minus(Duration.ofDays(8)), 8.0),
                        reading("meter-1", now.minus(Duration.ofDays(1)), 1.0)));
        cluster.send(
                sink.topic("features"),
                FeatureVector.class,
                List.of(
                        vector("meter-1", "power_kw", now.minus(Duration.ofDays(8)), 8.0),
                        vector("meter-1", "power_kw", now.minus(Duration.ofDays(91)), 91.0)));

        // Then the 8-day-old reading and the 91-day-old vector (with its narrow copy) are deleted, the 1-day-old
        // reading and the 8-day-old vector are kept
        try {
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(sink.query("SELECT value FROM timeseries_data")).containsExactly(List.of(1.0));
                assertThat(sink.query("SELECT value FROM ai_features")).containsExactly(List.of(8.0));
                assertThat(sink.query("SELECT value FROM ai_feature_values")).containsExactly(List.of(8.0));
            });
        } catch (ConditionTimeoutException e) {
            // this once timed out (the task's put stalled, cause unknown): keep what a diagnosis needs
            throw new AssertionError(e.getMessage() + "\n" + sink.diagnostics(), e);
        }
    }

    private static final String BAD_RECORD = "io.aihub.connectors.postgres.internal.BadRecordException";

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "<missing " + name + ">" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
