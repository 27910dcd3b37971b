package io.aihub.services.standalone;

/**
 * Where a PostgreSQL database is and how to log in: a JDBC URL ({@code jdbc:postgresql://host:port/db}), a user and a
 * password (empty for trust authentication). {@link #toString()} never shows the password.
 */
public record PostgresConnection(String jdbcUrl, String user, String password) {

    /** The user when {@code AIHUB_POSTGRES_USER} is not set, as the sink's {@code connection.user} default. */
    public static final String DEFAULT_USER = "postgres";

    public PostgresConnection {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                    "AIHUB_POSTGRES_URL must be a PostgreSQL JDBC URL such as jdbc:postgresql://localhost:5432/aihub"
                            + " (or 'none'), was '" + jdbcUrl + "'");
        }
    }

    @Override
    public String toString() {
        return "PostgresConnection[" + jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1[hidden]") + ", user=" + user
                + ", password=[hidden]]";
    }
}
