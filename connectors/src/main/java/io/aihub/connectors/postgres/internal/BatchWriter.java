package io.aihub.connectors.postgres.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes rows as batched upserts: rows are grouped by table, rows with equal keys collapse to the last one (a batched
 * {@code INSERT ... ON CONFLICT DO UPDATE} may not touch a row twice once the driver rewrites it into one multi-row
 * statement), and each chunk of at most {@code batchSize} rows is one JDBC batch in one transaction.
 */
public final class BatchWriter {

    private final Connection connection;
    private final int batchSize;
    private final Map<Table, String> sql = new EnumMap<>(Table.class);

    public BatchWriter(Connection connection, String schema, int batchSize) {
        this.connection = connection;
        this.batchSize = batchSize;
        for (Table table : Table.values()) {
            sql.put(table, table.upsertSql(schema));
        }
    }

    /** Upserts every row; returns the number of statements executed (rows after collapsing equal keys). */
    public int write(List<Row> rows) throws SQLException {
        var byTable = new EnumMap<Table, LinkedHashMap<List<Object>, Row>>(Table.class);
        for (Row row : rows) {
            var latest = byTable.computeIfAbsent(row.table(), t -> new LinkedHashMap<>());
            latest.remove(row.key()); // the last delivery wins, and keeps its position in delivery order
            latest.put(row.key(), row);
        }
        int written = 0;
        for (var entry : byTable.entrySet()) {
            var tableRows = new ArrayList<>(entry.getValue().values());
            for (int from = 0; from < tableRows.size(); from += batchSize) {
                written += writeChunk(
                        entry.getKey(), tableRows.subList(from, Math.min(tableRows.size(), from + batchSize)));
            }
        }
        return written;
    }

    private int writeChunk(Table table, List<Row> chunk) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql.get(table))) {
            for (Row row : chunk) {
                bind(statement, row.params());
                statement.addBatch();
            }
            statement.executeBatch();
            connection.commit();
            return chunk.size();
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw e;
        }
    }

    private static void bind(PreparedStatement statement, List<@Nullable Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object value = params.get(i);
            if (value == null) {
                statement.setNull(i + 1, Types.NULL);
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    private void rollbackQuietly(SQLException failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
