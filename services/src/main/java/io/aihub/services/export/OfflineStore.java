package io.aihub.services.export;

import io.aihub.services.config.AihubProperties;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Connections to the offline store (PostgreSQL, {@code AIHUB_POSTGRES_URL}), one per use: an export holds one for
 * seconds, the job table's statements take milliseconds, so no pool is kept. Never shows the password.
 */
public final class OfflineStore {

    private final String url;
    private final Properties properties = new Properties();

    /** A store at {@code url} (JDBC) logging in as {@code user}. */
    public OfflineStore(String url, String user, String password) {
        this.url = url;
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("ApplicationName", "aihub-export");
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("tcpKeepAlive", "true");
    }

    /** The store of {@code AIHUB_POSTGRES_*}; the settings must be {@linkplain AihubProperties.Postgres#configured()}. */
    public static OfflineStore of(AihubProperties.Postgres settings) {
        return new OfflineStore(settings.url(), settings.user(), settings.password());
    }

    /** A new connection in auto-commit mode; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, properties);
    }

    /** The URL with any {@code password=} parameter hidden. */
    public String describe() {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1[hidden]");
    }

    @Override
    public String toString() {
        return "OfflineStore[" + describe() + "]";
    }
}
