package io.aihub.connectors.postgres;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkConnector;
import org.flywaydb.core.api.FlywayException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Connect sink that fills the PostgreSQL offline store from the AI Hub topics (telemetry, features, hourly and
 * daily aggregates, weather, anomalies, forecasts) with idempotent batched upserts. On start it migrates the database
 * (Flyway, {@code db/migration}: tables, views, SQL functions, retention policies) unless {@code migrate=false}.
 */
public final class PostgresSinkConnector extends SinkConnector {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSinkConnector.class);

    private Map<String, String> settings = Map.of();

    @Override
    public void start(Map<String, String> props) {
        var config = new PostgresSinkConfig(props);
        requireMappingOfEveryTopic(config, props.get(SinkConnector.TOPICS_CONFIG));
        this.settings = Map.copyOf(props);
        if (config.migrate()) {
            var database = config.database();
            try {
                var result = database.migrate();
                LOG.info(
                        "PostgreSQL offline store {} migrated: {} migration(s) applied, schema version {}",
                        database,
                        result.migrationsExecuted,
                        result.targetSchemaVersion != null ? result.targetSchemaVersion : "unchanged");
            } catch (FlywayException e) {
                throw new ConnectException("migrating the offline store " + database + " failed", e);
            }
        }
    }

    /** Fails fast on a listed topic the task could not write (with {@code topics.regex} it fails on the record). */
    private static void requireMappingOfEveryTopic(PostgresSinkConfig config, @Nullable String topics) {
        if (topics == null || topics.isBlank()) {
            return;
        }
        for (String topic : topics.split(",")) {
            if (!config.tableMapping().containsKey(topic.trim())) {
                throw new ConfigException(
                        PostgresSinkConfig.TABLE_MAPPING,
                        config.getList(PostgresSinkConfig.TABLE_MAPPING),
                        "has no entry for topic " + topic.trim() + " of " + SinkConnector.TOPICS_CONFIG);
            }
        }
    }

    @Override
    public Class<? extends Task> taskClass() {
        return PostgresSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        var configs = new ArrayList<Map<String, String>>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            var task = new HashMap<>(settings);
            task.put(PostgresSinkConfig.TASK_INDEX, Integer.toString(i));
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
        // nothing held: the tasks own their connections
    }

    @Override
    public ConfigDef config() {
        return PostgresSinkConfig.CONFIG_DEF;
    }

    @Override
    public String version() {
        return Versions.VERSION;
    }
}
