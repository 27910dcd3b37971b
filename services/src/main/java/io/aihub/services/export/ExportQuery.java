package io.aihub.services.export;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/**
 * Which logged feature vectors an export reads, and the columns it writes: the logged vectors ({@code ai_features}) of one
 * tenant with {@code start <= timestamp <= end} (both ends included, as the reference's {@code BETWEEN}), of the given
 * assets (every asset when empty), in storage order (no ORDER BY: sorting a million rows would cost PostgreSQL more
 * than the whole export; sort the file by asset, metric and timestamp when order matters). Columns: {@link #KEY_COLUMNS}, then
 * {@code features} in their catalog order, each a nullable double (null when the logged vector has no value).
 *
 * @param tenantId the tenant; no other tenant's row is ever read
 * @param features the feature set's features, in catalog order
 * @param start inclusive start
 * @param end inclusive end
 * @param assetIds the assets, or empty for all of the tenant's
 */
public record ExportQuery(String tenantId, List<String> features, Instant start, Instant end, List<String> assetIds) {

    /** The columns before the features, in order. */
    public static final List<String> KEY_COLUMNS = List.of("tenant_id", "asset_id", "metric", "timestamp", "value");

    public ExportQuery {
        features = List.copyOf(features);
        assetIds = List.copyOf(assetIds);
        if (features.isEmpty()) {
            throw new IllegalArgumentException("an export has at least one feature");
        }
    }

    /** Every column of the file, in order. */
    public List<String> columns() {
        return java.util.stream.Stream.concat(KEY_COLUMNS.stream(), features.stream())
                .toList();
    }

    /**
     * The Avro schema of a row (record {@code io.aihub.export.FeatureRow}): strings, {@code timestamp} as
     * {@code timestamp-millis}, {@code value} a double, each feature {@code ["null", "double"]}.
     */
    public Schema schema() {
        var fields = SchemaBuilder.record("FeatureRow")
                .namespace("io.aihub.export")
                .doc("A logged feature vector of ai_features: tenant " + tenantId)
                .fields()
                .requiredString("tenant_id")
                .requiredString("asset_id")
                .requiredString("metric")
                .name("timestamp")
                .type(LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG)))
                .noDefault()
                .requiredDouble("value");
        for (String feature : features) {
            fields = fields.optionalDouble(feature);
        }
        return fields.endRecord();
    }

    /** The slots of {@code ai_feature_slots} (name to 1-based subscript of {@code feature_values}). */
    public static final String SLOTS_SQL = "SELECT name, slot FROM ai_feature_slots";

    /**
     * The table the export scans: {@code ai_feature_values} (keys, value and the feature array: a third of the bytes
     * of an {@code ai_features} row, whose {@code jsonb} the export does not need; migration V5) when every feature has
     * a slot, else {@code ai_features}, the only one with the {@code jsonb} a feature without a slot is read from.
     */
    public String table(Map<String, Integer> slots) {
        return slots.keySet().containsAll(features) ? "ai_feature_values" : "ai_features";
    }

    /**
     * The {@code COPY ... TO STDOUT (FORMAT binary)} statement (COPY takes no bind parameters: every literal is
     * quoted here; ids are validated before, quoting keeps it safe regardless), given the {@code slots}.
     */
    public String copySql(Map<String, Integer> slots) {
        return copySql(slots, -1, -1);
    }

    /**
     * The COPY statement restricted to the heap blocks {@code [fromBlock, toBlock)} of {@link #table} (a TID range
     * scan, PostgreSQL 14+), so that several connections can each copy a part; {@code toBlock < 0}: to the end,
     * {@code fromBlock < 0}: the whole table.
     */
    public String copySql(Map<String, Integer> slots, long fromBlock, long toBlock) {
        var select = new StringBuilder("SELECT tenant_id, asset_id, metric, \"timestamp\", value");
        for (String feature : features) {
            Integer slot = slots.get(feature);
            select.append(", ")
                    .append(
                            slot == null
                                    ? "(features ->> " + literal(feature) + ")::float8"
                                    : "feature_values[" + slot + "]");
        }
        select.append(" FROM ")
                .append(table(slots))
                .append(" WHERE tenant_id = ")
                .append(literal(tenantId))
                .append(" AND \"timestamp\" >= ")
                .append(literal(start.toString()))
                .append("::timestamptz AND \"timestamp\" <= ")
                .append(literal(end.toString()))
                .append("::timestamptz");
        if (fromBlock >= 0) {
            select.append(" AND ctid >= '(").append(fromBlock).append(",0)'::tid");
            if (toBlock >= 0) {
                select.append(" AND ctid < '(").append(toBlock).append(",0)'::tid");
            }
        }
        if (!assetIds.isEmpty()) {
            var in = new StringJoiner(", ", " AND asset_id IN (", ")");
            assetIds.forEach(asset -> in.add(literal(asset)));
            select.append(in);
        }
        return "COPY (" + select + ") TO STDOUT (FORMAT binary)";
    }

    /** A standard-conforming SQL string literal. */
    static String literal(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a NUL character cannot be sent to PostgreSQL");
        }
        return "'" + text.replace("'", "''") + "'";
    }
}
