package io.aihub.services.standalone;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.jspecify.annotations.Nullable;

/**
 * A valid instance of a generated Avro class with every field at its type's zero (empty string, 0, the epoch, the first
 * enum symbol, null where the schema allows it): something a serializer can write, for resolving its schema ahead.
 */
final class AvroPlaceholders {

    private AvroPlaceholders() {}

    static <T extends SpecificRecord> T of(Class<T> type) {
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        return type.cast(placeholder(schema, model));
    }

    private static @Nullable Object placeholder(Schema schema, SpecificData model) {
        LogicalType logical = schema.getLogicalType();
        Conversion<?> conversion = logical == null ? null : model.getConversionFor(logical);
        Object raw = switch (schema.getType()) {
            case RECORD -> {
                var record = (IndexedRecord) model.newRecord(null, schema);
                for (Schema.Field field : schema.getFields()) {
                    record.put(field.pos(), placeholder(field.schema(), model));
                }
                yield record;
            }
            case UNION ->
                schema.isNullable() ? null : placeholder(schema.getTypes().getFirst(), model);
            case ENUM -> model.createEnum(schema.getEnumSymbols().getFirst(), schema);
            case ARRAY -> List.of();
            case MAP -> Map.of();
            case STRING -> "";
            case BYTES -> ByteBuffer.allocate(0);
            case FIXED -> model.createFixed(null, new byte[schema.getFixedSize()], schema);
            case INT -> 0;
            case LONG -> 0L;
            case FLOAT -> 0f;
            case DOUBLE -> 0d;
            case BOOLEAN -> false;
            case NULL -> null;
        };
        if (conversion == null || raw == null || schema.getType() == Schema.Type.RECORD) {
            return raw;
        }
        return Conversions.convertToLogicalType(raw, schema, logical, conversion);
    }
}
