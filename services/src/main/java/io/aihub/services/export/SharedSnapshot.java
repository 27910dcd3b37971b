package io.aihub.services.export;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The connections an export copies over, each with the COPY statement of its part. With one stream: one connection in
 * auto-commit, the whole query. With more (PostgreSQL 14+, a table of enough blocks): the first connection opens a
 * read-only repeatable-read transaction and exports its snapshot ({@code pg_export_snapshot}); the others import it
 * ({@code SET TRANSACTION SNAPSHOT}), so every part reads the same consistent state, as {@code pg_dump --jobs} does;
 * the parts are disjoint ranges of heap blocks of the scanned table (TID range scans), so each row is read exactly once and the extraction
 * work is spread over several backends. Closing rolls the transactions back and closes every connection.
 */
final class SharedSnapshot implements AutoCloseable {

    /** Fewest heap blocks per part worth a connection of its own (8 MB). */
    private static final long MIN_BLOCKS_PER_STREAM = 1024;

    private final List<Connection> connections;
    private final List<String> statements;

    private SharedSnapshot(List<Connection> connections, List<String> statements) {
        this.connections = connections;
        this.statements = statements;
    }

    static SharedSnapshot open(ParquetExport.ConnectionSource source, ExportQuery query, int streams)
            throws SQLException {
        var opened = new ArrayList<Connection>(streams);
        try {
            Connection lead = source.connect();
            opened.add(lead);
            if (streams == 1) {
                return new SharedSnapshot(opened, List.of(query.copySql(slots(lead))));
            }
            lead.setAutoCommit(false);
            String snapshot;
            long blocks;
            int version;
            Map<String, Integer> slots;
            try (Statement statement = lead.createStatement()) {
                statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                try (ResultSet result = statement.executeQuery(
                        "SELECT pg_export_snapshot()," + " current_setting('server_version_num')::int")) {
                    result.next();
                    snapshot = result.getString(1);
                    version = result.getInt(2);
                }
                slots = slots(lead);
                try (ResultSet result = statement.executeQuery("SELECT pg_relation_size("
                        + ExportQuery.literal(query.table(slots)) + ") / current_setting('block_size')::bigint")) {
                    result.next();
                    blocks = result.getLong(1);
                }
            }
            int parts = version < 140_000 ? 1 : (int) Math.max(1, Math.min(streams, blocks / MIN_BLOCKS_PER_STREAM));
            if (parts == 1) {
                return new SharedSnapshot(opened, List.of(query.copySql(slots)));
            }
            for (int i = 1; i < parts; i++) {
                Connection connection = source.connect();
                opened.add(connection);
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                    statement.execute("SET TRANSACTION SNAPSHOT " + ExportQuery.literal(snapshot));
                }
            }
            long perPart = blocks / parts;
            var sql = new ArrayList<String>(parts);
            for (int i = 0; i < parts; i++) {
                // the last part is open-ended: blocks added since the count hold no row of the snapshot anyway
                sql.add(query.copySql(slots, i * perPart, i == parts - 1 ? -1 : (i + 1) * perPart));
            }
            return new SharedSnapshot(opened, sql);
        } catch (SQLException | RuntimeException e) {
            closeAll(opened, e);
            throw e;
        }
    }

    /** The feature slots of {@code ai_feature_slots}, by name. */
    private static Map<String, Integer> slots(Connection connection) throws SQLException {
        var slots = new HashMap<String, Integer>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(ExportQuery.SLOTS_SQL)) {
            while (result.next()) {
                slots.put(result.getString(1), result.getInt(2));
            }
        }
        return slots;
    }

    int size() {
        return statements.size();
    }

    Connection connection(int part) {
        return connections.get(part);
    }

    String statement(int part) {
        return statements.get(part);
    }

    @Override
    public void close() throws SQLException {
        var failure = new SQLException("cannot close the export's connections");
        closeAll(connections, failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    private static void closeAll(List<Connection> connections, Exception failure) {
        for (Connection connection : connections) {
            try (connection) {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
