package io.aihub.connectors.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.connectors.postgres.internal.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Random;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ai_feature_values} (migration V5), the narrow copy of {@code ai_features} a batch export scans, stays equal to
 * it through random inserts, upserts, key-changing updates, deletes and a truncate, with either kind of trigger
 * PostgreSQL keeps it with: statement-level (plain tables) and row-level (TimescaleDB hypertables).
 */
class FeatureValuesTableIT {

    private static final String DIFFERENCE = "SELECT count(*) FROM ((SELECT tenant_id, asset_id, metric, \"timestamp\","
            + " value, feature_values FROM ai_features EXCEPT ALL SELECT tenant_id, asset_id, metric, \"timestamp\","
            + " value, feature_values FROM ai_feature_values) UNION ALL (SELECT tenant_id, asset_id, metric,"
            + " \"timestamp\", value, feature_values FROM ai_feature_values EXCEPT ALL SELECT tenant_id, asset_id,"
            + " metric, \"timestamp\", value, feature_values FROM ai_features)) AS d";

    @ParameterizedTest(name = "per_row = {0}")
    @ValueSource(booleans = {false, true})
    void shouldKeepTheNarrowTableEqualToAiFeatures(boolean perRow) throws Exception {
        // Given a migrated schema whose triggers are of one kind
        String schema = "aihub_values_it_" + (perRow ? "row" : "statement");
        SinkTestCluster.dropSchema(schema);
        var database = new Database(SinkTestCluster.JDBC_URL, SinkTestCluster.JDBC_USER, new Password(""), schema);
        database.migrate();
        try (Connection connection = database.connect();
                var statement = connection.createStatement()) {
            statement.execute("SELECT aihub_feature_value_triggers(" + perRow + ")");
            connection.commit();
            var random = new Random(perRow ? 7 : 11);

            // When random batches of upserts, updates and deletes are applied, as the sink and users write
            var counts = new ArrayList<Long>();
            for (int round = 0; round < 30; round++) {
                statement.execute(upserts(random, 1 + random.nextInt(40)));
                statement.execute("UPDATE ai_features SET value = value + 1, features = features || '{\"lag_1h\": "
                        + random.nextInt(100) + "}' WHERE asset_id = 'a-" + random.nextInt(10) + "'");
                statement.execute("UPDATE ai_features SET asset_id = 'moved-" + round + "' WHERE asset_id = 'a-"
                        + random.nextInt(10) + "' AND metric = 'm-" + random.nextInt(3) + "'");
                statement.execute("DELETE FROM ai_features WHERE \"timestamp\" < timestamptz '2025-01-01T00:00:00Z' + "
                        + random.nextInt(20) + " * interval '1 hour' AND metric = 'm-" + random.nextInt(3) + "'");
                connection.commit();

                // Then after each the two tables hold the same rows
                assertThat(count(connection, DIFFERENCE)).as("round %d", round).isZero();
                counts.add(count(connection, "SELECT count(*) FROM ai_feature_values"));
            }
            assertThat(counts).as("the rounds left rows to compare").anyMatch(n -> n > 100);

            // And a truncate empties both
            statement.execute("TRUNCATE ai_features");
            connection.commit();
            assertThat(count(connection, "SELECT count(*) FROM ai_feature_values"))
                    .isZero();
        } finally {
            SinkTestCluster.dropSchema(schema);
        }
    }

    private static String upserts(Random random, int rows) {
        // one statement may name a key once only: a later draw of a key already drawn is skipped
        var keys = new HashSet<String>();
        var values = new ArrayList<String>();
        for (int i = 0; i < rows; i++) {
            String key = "'t-" + random.nextInt(2) + "', 'a-" + random.nextInt(10) + "', 'm-" + random.nextInt(3)
                    + "', timestamptz '2025-01-01T00:00:00Z' + " + random.nextInt(48) + " * interval '1 hour'";
            String features = "'{\"lag_1h\": " + random.nextInt(1000) + ", \"hour_of_day\": " + random.nextInt(24)
                    + (random.nextBoolean() ? ", \"rolling_avg_24h\": null" : "") + "}'";
            if (keys.add(key)) {
                values.add("(" + key + ", " + random.nextInt(1000) + ", " + features + ")");
            }
        }
        return "INSERT INTO ai_features (tenant_id, asset_id, metric, \"timestamp\", value, features) VALUES "
                + String.join(", ", values) + " ON CONFLICT (tenant_id, asset_id, metric, \"timestamp\") DO UPDATE"
                + " SET value = EXCLUDED.value, features = EXCLUDED.features";
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement();
                var result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
