package io.aihub.connectors.postgres;

import io.aihub.connectors.postgres.internal.Database;
import io.aihub.connectors.postgres.internal.TableKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Configuration of {@link PostgresSinkConnector}, in the JDBC sink's {@code X}, {@code X_DEFAULT}, {@code X_DOC} style.
 * The password is a {@link Type#PASSWORD}: Connect masks it in its REST answers and logs, and {@link #toString()}
 * never shows it.
 */
public final class PostgresSinkConfig extends AbstractConfig {

    public static final String CONNECTION_URL = "connection.url";
    private static final String CONNECTION_URL_DOC =
            "JDBC URL of the PostgreSQL database, e.g. jdbc:postgresql://db:5432/aihub?reWriteBatchedInserts=true.";

    public static final String CONNECTION_USER = "connection.user";
    private static final String CONNECTION_USER_DOC = "Database user.";

    public static final String CONNECTION_PASSWORD = "connection.password";
    private static final String CONNECTION_PASSWORD_DOC = "Database password (never logged).";

    public static final String DB_SCHEMA = "db.schema";
    public static final String DB_SCHEMA_DEFAULT = "public";
    private static final String DB_SCHEMA_DOC =
            "Schema holding the offline store's tables; created by the migrations if missing. Lower-case identifier.";

    public static final String BATCH_SIZE = "batch.size";
    public static final int BATCH_SIZE_DEFAULT = 1000;
    private static final String BATCH_SIZE_DOC =
            "Rows per JDBC batch; each batch is one transaction of upserts into one table.";

    public static final String MAX_RETRIES = "max.retries";
    public static final int MAX_RETRIES_DEFAULT = 10;
    private static final String MAX_RETRIES_DOC =
            "Consecutive transient database failures (connection lost, deadlock, serialization failure) retried before"
                    + " the task fails.";

    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
    public static final long RETRY_BACKOFF_MS_DEFAULT = 3000L;
    private static final String RETRY_BACKOFF_MS_DOC =
            "Wait before Connect redelivers a batch after a transient failure (context.timeout).";

    public static final String TABLE_MAPPING = "table.mapping";
    public static final String TABLE_MAPPING_DEFAULT = "telemetry:telemetry,features:features,"
            + "features-hourly:aggregates,features-daily:aggregates,weather:weather,anomalies:anomalies,"
            + "forecasts:forecasts";
    private static final String TABLE_MAPPING_DOC = "topic:kind pairs; kinds: telemetry (timeseries_data), features"
            + " (ai_features), aggregates (hourly_aggregates/daily_aggregates by the record's window), weather"
            + " (weather_features), anomalies (anomalies), forecasts (forecasts). Every consumed topic needs one.";

    public static final String MIGRATE = "migrate";
    public static final boolean MIGRATE_DEFAULT = true;
    private static final String MIGRATE_DOC =
            "Run the Flyway migrations (tables, views, functions) when the connector starts.";

    public static final String RETENTION_INTERVAL_MS = "retention.interval.ms";
    public static final long RETENTION_INTERVAL_MS_DEFAULT = 3_600_000L;
    private static final String RETENTION_INTERVAL_MS_DOC = "How often task 0 calls aihub_apply_retention(now()),"
            + " which deletes rows older than retention_policies says; 0 disables it.";

    /** Internal: the task's index, set by the connector; only task 0 applies retention. */
    public static final String TASK_INDEX = "aihub.task.index";

    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(CONNECTION_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, CONNECTION_URL_DOC)
            .define(CONNECTION_USER, Type.STRING, "postgres", Importance.HIGH, CONNECTION_USER_DOC)
            .define(CONNECTION_PASSWORD, Type.PASSWORD, "", Importance.HIGH, CONNECTION_PASSWORD_DOC)
            .define(DB_SCHEMA, Type.STRING, DB_SCHEMA_DEFAULT, Importance.MEDIUM, DB_SCHEMA_DOC)
            .define(
                    BATCH_SIZE,
                    Type.INT,
                    BATCH_SIZE_DEFAULT,
                    ConfigDef.Range.between(1, 100_000),
                    Importance.MEDIUM,
                    BATCH_SIZE_DOC)
            .define(
                    MAX_RETRIES,
                    Type.INT,
                    MAX_RETRIES_DEFAULT,
                    ConfigDef.Range.atLeast(0),
                    Importance.MEDIUM,
                    MAX_RETRIES_DOC)
            .define(
                    RETRY_BACKOFF_MS,
                    Type.LONG,
                    RETRY_BACKOFF_MS_DEFAULT,
                    ConfigDef.Range.atLeast(0),
                    Importance.MEDIUM,
                    RETRY_BACKOFF_MS_DOC)
            .define(TABLE_MAPPING, Type.LIST, TABLE_MAPPING_DEFAULT, Importance.HIGH, TABLE_MAPPING_DOC)
            .define(MIGRATE, Type.BOOLEAN, MIGRATE_DEFAULT, Importance.LOW, MIGRATE_DOC)
            .define(
                    RETENTION_INTERVAL_MS,
                    Type.LONG,
                    RETENTION_INTERVAL_MS_DEFAULT,
                    ConfigDef.Range.atLeast(0),
                    Importance.LOW,
                    RETENTION_INTERVAL_MS_DOC)
            .defineInternal(TASK_INDEX, Type.INT, 0, Importance.LOW);

    private final Map<String, TableKind> tableMapping;

    public PostgresSinkConfig(Map<String, String> originals) {
        super(CONFIG_DEF, originals, false);
        String schema = getString(DB_SCHEMA);
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            throw new ConfigException(DB_SCHEMA, schema, "must match " + SCHEMA_NAME.pattern());
        }
        if (!getString(CONNECTION_URL).startsWith("jdbc:postgresql:")) {
            throw new ConfigException(CONNECTION_URL, getString(CONNECTION_URL), "must start with jdbc:postgresql:");
        }
        this.tableMapping = parseMapping(getList(TABLE_MAPPING));
    }

    private static Map<String, TableKind> parseMapping(List<String> pairs) {
        var mapping = new LinkedHashMap<String, TableKind>();
        for (String pair : pairs) {
            int colon = pair.lastIndexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                throw new ConfigException(TABLE_MAPPING, pair, "each entry must be topic:kind");
            }
            String topic = pair.substring(0, colon).trim();
            String kind = pair.substring(colon + 1).trim().toUpperCase(Locale.ROOT);
            try {
                mapping.put(topic, TableKind.valueOf(kind));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(TABLE_MAPPING, pair, "unknown kind; one of " + List.of(TableKind.values()));
            }
        }
        return Map.copyOf(mapping);
    }

    public String url() {
        return getString(CONNECTION_URL);
    }

    public String user() {
        return getString(CONNECTION_USER);
    }

    public Password password() {
        return getPassword(CONNECTION_PASSWORD);
    }

    public String schema() {
        return getString(DB_SCHEMA);
    }

    public int batchSize() {
        return getInt(BATCH_SIZE);
    }

    public int maxRetries() {
        return getInt(MAX_RETRIES);
    }

    public long retryBackoffMs() {
        return getLong(RETRY_BACKOFF_MS);
    }

    public boolean migrate() {
        return getBoolean(MIGRATE);
    }

    public long retentionIntervalMs() {
        return getLong(RETENTION_INTERVAL_MS);
    }

    /** The database these settings point at. */
    public Database database() {
        return new Database(url(), user(), password(), schema());
    }

    public int taskIndex() {
        return getInt(TASK_INDEX);
    }

    /** The kind of table each topic is written to. */
    public Map<String, TableKind> tableMapping() {
        return tableMapping;
    }

    /** Every setting, the password shown as {@code [hidden]} (Connect's {@link Password#toString()}). */
    @Override
    public String toString() {
        return "PostgresSinkConfig{url=" + Database.redactedUrl(url()) + ", user=" + user() + ", password=" + password()
                + ", schema="
                + schema() + ", batchSize=" + batchSize() + ", maxRetries=" + maxRetries() + ", retryBackoffMs="
                + retryBackoffMs() + ", tableMapping=" + tableMapping + ", migrate=" + migrate()
                + ", retentionIntervalMs=" + retentionIntervalMs() + "}";
    }
}
