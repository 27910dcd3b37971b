package io.aihub.services.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.topology.catalog.FeatureCatalog;
import io.aihub.topology.features.FeatureNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link ParquetExport} against the local PostgreSQL with a table large enough to be split: several streams on one
 * exported snapshot write exactly the rows one stream writes (no row lost or doubled at the block-range edges), and
 * exactly the rows PostgreSQL itself selects.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParquetExportIT {

    private static final int ROWS = 30_000;
    private static final List<String> FEATURES =
            FeatureCatalog.loadDefault().set("forecast_advanced").orElseThrow().features();

    private OfflineStoreFixture store;

    @BeforeAll
    void load() throws Exception {
        store = OfflineStoreFixture.create();
        var features = new StringJoiner(", ", "jsonb_build_object(", ")");
        for (String name : FeatureNames.ALL) {
            features.add("'" + name + "'")
                    .add("CASE WHEN random() < 0.1 THEN NULL ELSE round((random() * 100)::numeric, 4) END");
        }
        try (var connection = store.connect();
                var statement = connection.createStatement()) {
            for (String tenant : List.of("split", "other")) {
                statement.execute("INSERT INTO ai_features (tenant_id, asset_id, metric, \"timestamp\", value,"
                        + " features) SELECT '" + tenant + "', 'meter-' || (i % 50), 'value', timestamptz"
                        + " '2025-01-01T00:00:00Z' + (i / 50) * interval '1 minute', i * 0.5, " + features
                        + " FROM generate_series(0, " + (ROWS - 1) + ") AS i");
            }
            statement.execute("VACUUM ANALYZE ai_features");
        }
    }

    @AfterAll
    void drop() throws Exception {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void shouldWriteTheSameRowsOverSeveralStreamsAsOverOne() throws Exception {
        // Given a query of one tenant's rows over a part of the range
        var query = new ExportQuery(
                "split",
                FEATURES,
                Instant.parse("2025-01-01T01:00:00Z"),
                Instant.parse("2025-01-01T08:00:00Z"),
                List.of());
        Path folder = Files.createTempDirectory("aihub-parquet-export-it-");

        // When it is written over one stream and over three
        ExportResult one = new ParquetExport(8, 1).write(store::connect, query, folder.resolve("one.parquet"));
        ExportResult three = new ParquetExport(8, 3).write(store::connect, query, folder.resolve("three.parquet"));

        // Then both hold exactly the rows PostgreSQL selects for it
        List<String> expected = expected(query);
        assertThat(expected).hasSize(7 * 60 * 50 + 50);
        assertThat(one.rows()).isEqualTo(expected.size());
        assertThat(three.rows()).isEqualTo(expected.size());
        assertThat(read(folder.resolve("one.parquet"))).containsExactlyElementsOf(expected);
        assertThat(read(folder.resolve("three.parquet"))).containsExactlyElementsOf(expected);
    }

    @Test
    void shouldKeepEveryFeatureInASlotEqualToItsJsonbValue() throws Exception {
        try (var connection = store.connect();
                var statement = connection.createStatement()) {
            // Then the slots name every feature the topology computes, in its order
            var names = new ArrayList<String>();
            try (var result = statement.executeQuery("SELECT name FROM ai_feature_slots ORDER BY slot")) {
                while (result.next()) {
                    names.add(result.getString(1));
                }
            }
            assertThat(names).containsExactlyElementsOf(FeatureNames.ALL);

            // And every row's slot holds exactly the jsonb value (nulls included) PostgreSQL computed on insert
            try (var result = statement.executeQuery("SELECT count(*), count(*) FILTER (WHERE f.feature_values[s.slot]"
                    + " IS DISTINCT FROM (f.features ->> s.name)::float8) FROM ai_features f CROSS JOIN"
                    + " ai_feature_slots s")) {
                result.next();
                assertThat(result.getLong(1)).isGreaterThanOrEqualTo(2L * ROWS * FeatureNames.ALL.size());
                assertThat(result.getLong(2)).isZero();
            }
        }
    }

    @Test
    void shouldReadAFeatureWithoutASlotFromTheJsonb() throws Exception {
        // Given a feature no slot names in the logged vectors of a tenant
        try (var connection = store.connect();
                var statement = connection.createStatement()) {
            statement.execute("INSERT INTO ai_features (tenant_id, asset_id, metric, \"timestamp\", value, features)"
                    + " VALUES ('unslotted', 'm', 'value', '2025-01-01T00:00:00Z', 1, '{\"future_feature\": 2.5,"
                    + " \"lag_1h\": 7}')");
        }
        var query = new ExportQuery(
                "unslotted",
                List.of("future_feature", "lag_1h"),
                Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2025-01-01T00:00:00Z"),
                List.of());
        Path file = Files.createTempDirectory("aihub-parquet-export-it-").resolve("unslotted.parquet");

        // When it is exported
        new ParquetExport(8, 1).write(store::connect, query, file);

        // Then the unslotted feature is read from the jsonb, the slotted one from its slot
        assertThat(read(file)).containsExactly("unslotted|m|value|1735689600000|1.0|2.5|7.0");
    }

    /** The rows as PostgreSQL renders them, one line each, sorted. */
    private List<String> expected(ExportQuery query) throws Exception {
        var select = new StringBuilder(
                "SELECT tenant_id, asset_id, metric, (extract(epoch FROM \"timestamp\") * 1000)" + "::bigint, value");
        for (String feature : query.features()) {
            select.append(", (features ->> '").append(feature).append("')::float8");
        }
        select.append(" FROM ai_features WHERE tenant_id = 'split' AND \"timestamp\" BETWEEN '")
                .append(query.start())
                .append("' AND '")
                .append(query.end())
                .append("'");
        var rows = new ArrayList<String>();
        try (var connection = store.connect();
                var statement = connection.createStatement();
                var result = statement.executeQuery(select.toString())) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                var line = new StringJoiner("|");
                line.add(result.getString(1)).add(result.getString(2)).add(result.getString(3));
                line.add(Long.toString(result.getLong(4)));
                for (int i = 5; i <= columns; i++) {
                    double value = result.getDouble(i);
                    line.add(result.wasNull() ? "null" : Double.toString(value));
                }
                rows.add(line.toString());
            }
        }
        rows.sort(null);
        return rows;
    }

    private static List<String> read(Path file) throws Exception {
        var rows = new ArrayList<String>();
        try (var reader = AvroParquetReader.genericRecordReader(new LocalInputFile(file))) {
            for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
                var line = new StringJoiner("|");
                for (var field : record.getSchema().getFields()) {
                    Object value = record.get(field.pos());
                    line.add(String.valueOf(value));
                }
                rows.add(line.toString());
            }
        }
        rows.sort(null);
        return rows;
    }
}
