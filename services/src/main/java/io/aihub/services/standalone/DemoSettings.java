package io.aihub.services.standalone;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;

/**
 * The settings of the single-machine mode, read from the environment in one place.
 *
 * @param externalBootstrapServers {@code AIHUB_KAFKA_BOOTSTRAP_SERVERS}: use this Kafka instead of an embedded one
 * @param externalRegistryUrl {@code AIHUB_REGISTRY_URL}: use this registry instead of starting Apicurio
 * @param externalS3Endpoint {@code AIHUB_S3_ENDPOINT}: use this S3 API server for models instead of an S3Proxy
 *     with a filesystem store under the data directory
 * @param dataDirectory {@code AIHUB_DATA_DIR} (default {@code ./.aihub/data}): broker logs, registry log, stream
 *     state; reset at every start, because the replay rebases the data to "now"
 * @param replayData {@code AIHUB_DEMO_DATA} (default {@code ./data}): the shipped ETT and NAB files
 * @param backfill {@code AIHUB_DEMO_BACKFILL} (default {@code 13d}): history sent at once, ending now
 * @param speed {@code AIHUB_DEMO_SPEED} (default 60): seconds of data per second after the back-fill
 * @param topicPrefix {@code AIHUB_TOPICS_PREFIX} (default empty), as the application uses it
 * @param serverPort {@code SERVER_PORT} (default 8080)
 * @param offlineStore {@code AIHUB_POSTGRES_URL} other than {@code none}: run the offline store (PostgreSQL filled by
 *     the connectors module's sink in a Connect worker of the demo's own)
 * @param externalPostgres {@code AIHUB_POSTGRES_URL} (a JDBC URL), {@code AIHUB_POSTGRES_USER} (default
 *     {@code postgres}), {@code AIHUB_POSTGRES_PASSWORD} (default empty): use this PostgreSQL instead of an embedded one
 *     under the data directory
 * @param connectPluginPath {@code AIHUB_CONNECT_PLUGIN_PATH} (default {@code ./connectors/target/connect-plugin}): the
 *     Connect worker's {@code plugin.path}, where the build puts the sink's plugin directory
 */
public record DemoSettings(
        Optional<String> externalBootstrapServers,
        Optional<String> externalRegistryUrl,
        Optional<String> externalS3Endpoint,
        Path dataDirectory,
        Path replayData,
        Duration backfill,
        double speed,
        String topicPrefix,
        int serverPort,
        boolean offlineStore,
        Optional<PostgresConnection> externalPostgres,
        Path connectPluginPath) {

    /** The value of {@code AIHUB_POSTGRES_URL} that turns the demo's offline store off. */
    public static final String POSTGRES_NONE = "none";

    /** Reads the settings from {@code environment}, naming the variable of any invalid value. */
    public static DemoSettings from(Map<String, String> environment) {
        return new DemoSettings(
                nonBlank(environment.get("AIHUB_KAFKA_BOOTSTRAP_SERVERS")),
                nonBlank(environment.get("AIHUB_REGISTRY_URL")),
                nonBlank(environment.get("AIHUB_S3_ENDPOINT")),
                Path.of(environment.getOrDefault("AIHUB_DATA_DIR", "./.aihub/data")),
                Path.of(environment.getOrDefault("AIHUB_DEMO_DATA", "./data")),
                duration(environment, "AIHUB_DEMO_BACKFILL", Replay.Settings.BACKFILL_DEFAULT),
                number(environment, "AIHUB_DEMO_SPEED", Replay.Settings.SPEED_DEFAULT),
                environment.getOrDefault("AIHUB_TOPICS_PREFIX", ""),
                (int) number(environment, "SERVER_PORT", 8080),
                !POSTGRES_NONE.equalsIgnoreCase(
                        nonBlank(environment.get("AIHUB_POSTGRES_URL")).orElse("")),
                externalPostgres(environment),
                Path.of(environment.getOrDefault("AIHUB_CONNECT_PLUGIN_PATH", "./connectors/target/connect-plugin")));
    }

    private static Optional<PostgresConnection> externalPostgres(Map<String, String> environment) {
        return nonBlank(environment.get("AIHUB_POSTGRES_URL"))
                .filter(url -> !POSTGRES_NONE.equalsIgnoreCase(url))
                .map(url -> new PostgresConnection(
                        url,
                        nonBlank(environment.get("AIHUB_POSTGRES_USER")).orElse(PostgresConnection.DEFAULT_USER),
                        environment.getOrDefault("AIHUB_POSTGRES_PASSWORD", "")));
    }

    /** The telemetry topic the replay writes to. */
    public String telemetryTopic() {
        return topicPrefix + "telemetry";
    }

    private static Optional<String> nonBlank(@Nullable String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static Duration duration(Map<String, String> environment, String name, Duration fallback) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return DurationStyle.detectAndParse(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    name + " must be a duration such as 8d, 36h or P8D, was '" + value + "'", e);
        }
    }

    private static double number(Map<String, String> environment, String name, double fallback) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + value + "'", e);
        }
    }
}
