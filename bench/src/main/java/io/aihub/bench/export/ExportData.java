package io.aihub.bench.export;

import io.aihub.connectors.postgres.internal.Database;
import io.aihub.topology.features.FeatureNames;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.common.config.types.Password;

/**
 * A scratch schema of the bench database, migrated by the sink's own migrations, holding logged feature vectors as
 * the sink writes them (and, by the triggers of migration V5, their narrow copies in ai_feature_values): every feature of the topology in the {@code features} jsonb (time features whole numbers, the
 * others random with one in ten null), {@code assets} assets one reading a minute each, for tenant {@code bench} and a
 * tenth as many for tenant {@code other} (which the export must skip). Closing drops a schema it created.
 */
public final class ExportData implements AutoCloseable {

    public static final String TENANT = "bench";

    private final String url;
    private final String user;
    private final String schema;
    private final boolean scratch;

    private ExportData(String url, String user, String schema, boolean scratch) {
        this.url = url;
        this.user = user;
        this.schema = schema;
        this.scratch = scratch;
    }

    /** An existing schema with the tables already loaded (kept on close). */
    public static ExportData existing(String url, String user, String schema) {
        return new ExportData(url, user, schema, false);
    }

    /** Creates the schema and loads {@code rows} rows of tenant {@value #TENANT} over {@code assets} assets. */
    public static ExportData load(String url, String user, int rows, int assets) throws SQLException {
        String schema = "aihub_bench_export_"
                + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
        new Database(url, user, new Password(""), schema).migrate();
        var data = new ExportData(url, user, schema, true);
        try (Connection connection = data.connect();
                var statement = connection.createStatement()) {
            statement.execute(insert(TENANT, rows, assets));
            statement.execute(insert("other", Math.max(1, rows / 10), assets));
            statement.execute("VACUUM ANALYZE ai_features");
            statement.execute("VACUUM ANALYZE ai_feature_values");
        }
        return data;
    }

    private static String insert(String tenant, int rows, int assets) {
        var features = new StringJoiner(", ", "jsonb_build_object(", ")");
        for (String name : FeatureNames.ALL) {
            String value = switch (name) {
                case "hour_of_day" -> "extract(hour FROM t)";
                case "day_of_week" -> "(extract(isodow FROM t) - 1)";
                case "day_of_month" -> "extract(day FROM t)";
                case "month" -> "extract(month FROM t)";
                case "is_weekend" -> "(extract(isodow FROM t) >= 6)::int";
                case "is_business_hours" ->
                    "(extract(isodow FROM t) < 6 AND extract(hour FROM t) BETWEEN 9 AND 16)::int";
                default -> "CASE WHEN random() < 0.1 THEN NULL ELSE round((random() * 100)::numeric, 4) END";
            };
            features.add("'" + name + "'").add(value);
        }
        return "INSERT INTO ai_features (tenant_id, asset_id, metric, \"timestamp\", value, features, catalog_version)"
                + " SELECT '" + tenant + "', 'meter-' || (i % " + assets + "), 'value', t, i * 0.25, " + features
                + ", 1 FROM (SELECT i, timestamptz '2025-01-01T00:00:00Z' + (i / " + assets
                + ") * interval '1 minute' AS t FROM generate_series(0, " + (rows - 1) + ") AS i) AS readings";
    }

    /** The heap size of {@code ai_features} and of {@code ai_feature_values} (pg_relation_size), by table name. */
    public Map<String, Long> tableBytes() throws SQLException {
        var sizes = new LinkedHashMap<String, Long>();
        try (Connection connection = connect();
                var statement = connection.createStatement();
                var result = statement.executeQuery(
                        "SELECT pg_relation_size('ai_features')," + " pg_relation_size('ai_feature_values')")) {
            result.next();
            sizes.put("ai_features", result.getLong(1));
            sizes.put("ai_feature_values", result.getLong(2));
        }
        return sizes;
    }

    public String schema() {
        return schema;
    }

    /** A connection whose search path is the scratch schema. */
    public Connection connect() throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", "");
        properties.setProperty("currentSchema", schema);
        return DriverManager.getConnection(url, properties);
    }

    @Override
    public void close() throws SQLException {
        if (!scratch) {
            return;
        }
        try (var connection = DriverManager.getConnection(url, user, "");
                var statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        }
    }
}
