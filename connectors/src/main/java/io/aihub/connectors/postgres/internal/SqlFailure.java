package io.aihub.connectors.postgres.internal;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.jspecify.annotations.Nullable;

/** What a failed statement means for the records it carried. */
public enum SqlFailure {
    /** Worth retrying the same records: lost connection, deadlock, serialization failure, server shutting down. */
    TRANSIENT,
    /** The data itself is refused (SQL state classes 22 and 23): retrying cannot help; isolate and dead-letter it. */
    BAD_DATA,
    /** Anything else (missing table, permission, syntax): a configuration or code error that fails the task. */
    FATAL;

    /** Classifies by the SQL state, per PostgreSQL's error code appendix. */
    public static SqlFailure of(SQLException e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return TRANSIENT;
        }
        String state = sqlState(e);
        if (state == null || state.length() < 2) {
            return FATAL;
        }
        return switch (state.substring(0, 2)) {
            case "08", "53", "57" -> TRANSIENT; // connection exception, insufficient resources, operator intervention
            case "40" -> TRANSIENT; // transaction rollback: serialization failure, deadlock
            case "22", "23" -> BAD_DATA; // data exception, integrity constraint violation
            default -> FATAL;
        };
    }

    /**
     * PostgreSQL's own words for the failure: the statement's error a batch failure chains, rather than the batch
     * message, which repeats the whole statement with its values.
     */
    public static String reason(SQLException e) {
        SQLException last = e;
        for (SQLException cause = e.getNextException(); cause != null; cause = cause.getNextException()) {
            last = cause;
        }
        return String.valueOf(last.getMessage());
    }

    private static @Nullable String sqlState(SQLException e) {
        // a batch failure (BatchUpdateException) chains the failing statement's own error
        for (SQLException cause = e; cause != null; cause = cause.getNextException()) {
            if (cause.getSQLState() != null) {
                return cause.getSQLState();
            }
        }
        return null;
    }
}
