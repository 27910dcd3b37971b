package io.aihub.connectors.postgres.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.types.Password;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Where the offline store is: connections to it and its migrations. Never shows the password. */
public record Database(String url, String user, Password password, String schema) {

    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

    /** A new connection, auto-commit off, with the schema first on the search path. */
    public Connection connect() throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password.value());
        properties.setProperty("currentSchema", schema);
        properties.setProperty("ApplicationName", "aihub-postgres-sink");
        Connection connection = DriverManager.getConnection(url, properties);
        connection.setAutoCommit(false);
        return connection;
    }

    /**
     * Runs the Flyway migrations in {@code classpath:db/migration} into the schema (created if missing); does nothing
     * when the schema is current. Concurrent starts are safe: Flyway takes a lock on its history table.
     */
    public MigrateResult migrate() {
        ClassLoader loader = Database.class.getClassLoader();
        return Flyway.configure(loader)
                .dataSource(url, user, password.value())
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations("classpath:db/migration")
                .table("aihub_schema_history")
                .load()
                .migrate();
    }

    /** The URL with any {@code password=} parameter replaced by {@code [hidden]}. */
    public static String redactedUrl(String url) {
        return URL_PASSWORD.matcher(url).replaceAll("$1[hidden]");
    }

    @Override
    public String toString() {
        return "Database{url=" + redactedUrl(url) + ", user=" + user + ", password=[hidden], schema=" + schema + "}";
    }
}
