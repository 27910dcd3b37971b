package io.aihub.connectors.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.connectors.avro.internal.AvroToConnect;
import io.aihub.schemas.AggregateWindow;
import io.aihub.schemas.FeatureVector;
import io.aihub.schemas.ForecastEvent;
import io.aihub.schemas.ForecastEventPoint;
import io.aihub.schemas.ForecastKind;
import io.aihub.schemas.TelemetryReading;
import io.aihub.schemas.WindowAggregate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** Avro values (as the converter hands them to the task) to rows, and the values that can never be rows. */
class TableKindTest {

    private static final Instant T = Instant.parse("2026-11-20T14:30:00.250Z");
    private static final OffsetDateTime T_UTC = OffsetDateTime.ofInstant(T, ZoneOffset.UTC);

    private final AvroToConnect converter = new AvroToConnect();

    private Object struct(SpecificRecord record) {
        return converter.convert(record).value();
    }

    private static TelemetryReading reading(String tenant, double value) {
        return new TelemetryReading(tenant, "meter-1", "power_kw", T, value, 2, null);
    }

    @Test
    void shouldTurnAReadingIntoOneTimeseriesRowKeyedBySeriesAndTimestamp() throws Exception {
        var rows = TableKind.TELEMETRY.toRows(struct(reading("tenant-1", 42.5)));

        assertThat(rows)
                .containsExactly(new Row(
                        Table.TIMESERIES_DATA,
                        List.of("tenant-1", "meter-1", "power_kw", T_UTC),
                        Arrays.asList("tenant-1", "meter-1", "power_kw", T_UTC, 42.5, 2, null)));
    }

    @Test
    void shouldKeepTheFeatureMapInOrderWithItsNullsAsJson() throws Exception {
        var features = new LinkedHashMap<String, Double>();
        features.put("hour_of_day", 14.0);
        features.put("lag_24h", null);
        features.put("na\"me", 1.5e-7);
        var vector = new FeatureVector("tenant-1", "meter-1", "value", T, 3.0, features, 2);

        var rows = TableKind.FEATURES.toRows(struct(vector));

        assertThat(rows.getFirst().params())
                .containsExactly(
                        "tenant-1",
                        "meter-1",
                        "value",
                        T_UTC,
                        3.0,
                        "{\"hour_of_day\":14.0,\"lag_24h\":null,\"na\\\"me\":1.5E-7}",
                        2);
    }

    @Test
    void shouldRouteAggregatesByTheirWindowAndRefuseAnUnknownWindow() throws Exception {
        var hour = new WindowAggregate(
                "tenant-1", "meter-1", "m", AggregateWindow.HOUR, T, T.plusSeconds(3600), 2.0, 1.0, 3.0, null, 2L);
        var day = new WindowAggregate(
                "tenant-1", "meter-1", "m", AggregateWindow.DAY, T, T.plusSeconds(86400), 2.0, 1.0, 3.0, 1.0, 2L);
        var unknown = new WindowAggregate(
                "tenant-1", "meter-1", "m", AggregateWindow.UNKNOWN, T, T.plusSeconds(1), 2.0, 1.0, 3.0, 1.0, 2L);

        assertThat(TableKind.AGGREGATES.toRows(struct(hour)).getFirst().table()).isEqualTo(Table.HOURLY_AGGREGATES);
        assertThat(TableKind.AGGREGATES.toRows(struct(day)).getFirst().table()).isEqualTo(Table.DAILY_AGGREGATES);
        assertThatThrownBy(() -> TableKind.AGGREGATES.toRows(struct(unknown)))
                .isInstanceOf(BadRecordException.class)
                .hasMessage("window UNKNOWN is neither HOUR nor DAY");
    }

    @Test
    void shouldWriteOneForecastRowPerPoint() throws Exception {
        var forecast = new ForecastEvent(
                "fc-1",
                "tenant-1",
                "meter-1",
                "value",
                T,
                "seasonal_baseline",
                "v1",
                ForecastKind.generation,
                2,
                60,
                List.of(
                        new ForecastEventPoint(T.plusSeconds(3600), 1.0, 0.0, 1.0, 2.0, 0.8, 0.0, 2.0),
                        new ForecastEventPoint(T.plusSeconds(7200), 2.0, 1.0, 2.0, 3.0, 0.8, 1.0, 3.0)),
                List.of("lag_24h"),
                null);

        var rows = TableKind.FORECASTS.toRows(struct(forecast));

        assertThat(rows)
                .extracting(Row::key)
                .containsExactly(List.of("fc-1", T_UTC.plusHours(1)), List.of("fc-1", T_UTC.plusHours(2)));
        assertThat(rows.getFirst().params().subList(7, 10)).containsExactly("v1", "generation", 2);
        assertThat(rows.getFirst().params().subList(18, 20)).containsExactly("[\"lag_24h\"]", null);
    }

    @Test
    void shouldRefuseValuesThatCanNeverBeWrittenSayingWhy() {
        assertThatThrownBy(() -> TableKind.TELEMETRY.toRows(struct(reading("tenant-1", Double.POSITIVE_INFINITY))))
                .isInstanceOf(BadRecordException.class)
                .hasMessage("value is not finite: Infinity");
        assertThatThrownBy(() -> TableKind.TELEMETRY.toRows(struct(reading("-bad", 1.0))))
                .isInstanceOf(BadRecordException.class)
                .hasMessage("tenant_id '-bad' does not match ^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$");
        assertThatThrownBy(() -> TableKind.TELEMETRY.toRows(null))
                .isInstanceOf(BadRecordException.class)
                .hasMessage("value must be a telemetry record (a Connect Struct), was null");
        var vector = new FeatureVector("tenant-1", "meter-1", "value", T, 3.0, new LinkedHashMap<>(), 1);
        assertThatThrownBy(() -> TableKind.TELEMETRY.toRows(struct(vector)))
                .isInstanceOf(BadRecordException.class)
                .hasMessage("field quality is missing from value schema io.aihub.schemas.FeatureVector");
    }
}
