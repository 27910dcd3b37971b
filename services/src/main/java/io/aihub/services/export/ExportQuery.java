package io.aihub.services.export;

import java.time.Instant;
import java.util.List;
import java.util.StringJoiner;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/**
 * Which logged feature vectors an export reads, and the columns it writes: the rows of {@code ai_features} of one
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

    /**
     * The {@code COPY ... TO STDOUT (FORMAT binary)} statement (COPY takes no bind parameters: every literal is
     * quoted here; ids are validated before, quoting keeps it safe regardless).
     */
    public String copySql() {
        return copySql(-1, -1);
    }

    /**
     * The COPY statement restricted to the heap blocks {@code [fromBlock, toBlock)} of {@code ai_features} (a TID range
     * scan, PostgreSQL 14+), so that several connections can each copy a part; {@code toBlock < 0}: to the end,
     * {@code fromBlock < 0}: the whole table.
     */
    public String copySql(long fromBlock, long toBlock) {
        var select = new StringBuilder("SELECT tenant_id, asset_id, metric, \"timestamp\", value");
        for (String feature : features) {
            select.append(", ").append(featureColumn(feature));
        }
        select.append(" FROM ai_features WHERE tenant_id = ")
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

    /**
     * A feature's value: the subscript of its slot in {@code feature_values} (the float8 array PostgreSQL keeps next to
     * the {@code jsonb}, migration V4), or, for a feature without a slot, the {@code jsonb} value. The slot is an
     * uncorrelated subquery, evaluated once per statement; the subscript spares PostgreSQL parsing the {@code jsonb} of
     * every row, which dominated the export's cost.
     */
    static String featureColumn(String feature) {
        String name = literal(feature);
        String slot = "(SELECT slot FROM ai_feature_slots WHERE name = " + name + ")";
        return "CASE WHEN " + slot + " IS NULL THEN (features ->> " + name + ")::float8 ELSE feature_values[" + slot
                + "] END";
    }

    /** A standard-conforming SQL string literal. */
    static String literal(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a NUL character cannot be sent to PostgreSQL");
        }
        return "'" + text.replace("'", "''") + "'";
    }
}
