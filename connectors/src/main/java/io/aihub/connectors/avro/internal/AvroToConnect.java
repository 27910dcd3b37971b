package io.aihub.connectors.avro.internal;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.jspecify.annotations.Nullable;

/**
 * Avro data as Connect data: records become {@link Struct}s with the same field names, {@code ["null", X]} unions
 * optional X, enums strings, {@code timestamp-millis} longs Connect {@link Timestamp}s ({@link Date}), maps and arrays
 * maps and lists. Other unions (two non-null branches) are not used by our schemas and are refused. Connect schemas are
 * cached per Avro schema.
 */
public final class AvroToConnect {

    private final Map<org.apache.avro.Schema, Schema> schemas = new ConcurrentHashMap<>();

    /** The Connect schema and value of a decoded Avro datum (a record, typically). */
    public SchemaAndValue convert(Object datum) {
        if (!(datum instanceof GenericContainer container)) {
            throw new DataException(
                    "expected an Avro record, got " + datum.getClass().getName());
        }
        Schema schema = schema(container.getSchema());
        return new SchemaAndValue(schema, value(container.getSchema(), schema, datum));
    }

    /** The Connect schema of an Avro schema. */
    public Schema schema(org.apache.avro.Schema avro) {
        Schema cached = schemas.get(avro);
        if (cached == null) {
            cached = build(avro, false);
            schemas.put(avro, cached);
        }
        return cached;
    }

    private Schema build(org.apache.avro.Schema avro, boolean optional) {
        if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
            return build(nonNullBranch(avro), true);
        }
        SchemaBuilder builder = switch (avro.getType()) {
            case RECORD -> {
                var record = SchemaBuilder.struct().name(avro.getFullName());
                for (var field : avro.getFields()) {
                    record.field(field.name(), build(field.schema(), false));
                }
                yield record;
            }
            case STRING, ENUM -> SchemaBuilder.string();
            case LONG -> isTimestampMillis(avro.getLogicalType()) ? Timestamp.builder() : SchemaBuilder.int64();
            case INT -> SchemaBuilder.int32();
            case DOUBLE -> SchemaBuilder.float64();
            case FLOAT -> SchemaBuilder.float32();
            case BOOLEAN -> SchemaBuilder.bool();
            case BYTES, FIXED -> SchemaBuilder.bytes();
            case ARRAY -> SchemaBuilder.array(build(avro.getElementType(), false));
            case MAP -> SchemaBuilder.map(Schema.STRING_SCHEMA, build(avro.getValueType(), false));
            case UNION, NULL -> throw new DataException("a field of type " + avro + " is not supported");
        };
        return optional ? builder.optional().build() : builder.build();
    }

    private static org.apache.avro.Schema nonNullBranch(org.apache.avro.Schema union) {
        var branches = union.getTypes().stream()
                .filter(s -> s.getType() != org.apache.avro.Schema.Type.NULL)
                .toList();
        if (branches.size() != 1 || union.getTypes().size() != 2) {
            throw new DataException("only [null, X] unions are supported, not " + union);
        }
        return branches.getFirst();
    }

    private static boolean isTimestampMillis(@Nullable LogicalType logicalType) {
        return logicalType instanceof LogicalTypes.TimestampMillis;
    }

    private @Nullable Object value(org.apache.avro.Schema avro, Schema schema, @Nullable Object datum) {
        if (datum == null) {
            if (!schema.isOptional()) {
                throw new DataException("null for a required " + avro.getType());
            }
            return null;
        }
        return switch (avro.getType()) {
            case RECORD -> {
                var record = (IndexedRecord) datum;
                var struct = new Struct(schema);
                for (var field : avro.getFields()) {
                    var connectField = schema.field(field.name());
                    struct.put(connectField, value(field.schema(), connectField.schema(), record.get(field.pos())));
                }
                yield struct;
            }
            case UNION -> value(nonNullBranch(avro), schema, datum);
            case STRING, ENUM -> datum.toString();
            case LONG -> {
                if (!isTimestampMillis(avro.getLogicalType())) {
                    yield datum;
                }
                // a generic reader hands the epoch millis, a specific record a java.time.Instant
                yield datum instanceof Instant instant ? Date.from(instant) : new Date((Long) datum);
            }
            case INT, DOUBLE, FLOAT, BOOLEAN -> datum;
            case BYTES -> datum instanceof ByteBuffer buffer ? bytes(buffer) : datum;
            case FIXED -> ((org.apache.avro.generic.GenericFixed) datum).bytes();
            case ARRAY -> {
                var list = new ArrayList<@Nullable Object>();
                for (Object element : (List<?>) datum) {
                    list.add(value(avro.getElementType(), schema.valueSchema(), element));
                }
                yield list;
            }
            case MAP -> {
                var map = new LinkedHashMap<String, @Nullable Object>();
                for (var entry : ((Map<?, ?>) datum).entrySet()) {
                    map.put(
                            entry.getKey().toString(),
                            value(avro.getValueType(), schema.valueSchema(), entry.getValue()));
                }
                yield map;
            }
            case NULL -> null;
        };
    }

    private static byte[] bytes(ByteBuffer buffer) {
        var copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }
}
