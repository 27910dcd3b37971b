package io.aihub.topology.errors;

import io.aihub.schemas.DeadLetterReason;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records that cannot be deserialised to the dead-letter topic (config {@code aihub.dead.letter.topic}) as a
 * {@link DeadLetter} with reason DESERIALIZATION, and resumes. Kafka Streams counts them in its task-level
 * {@code dropped-records-total} metric.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private @Nullable DeadLetterRecords deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = new DeadLetterRecords(configs, getClass());
    }

    @Override
    public Response handleError(
            ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        DeadLetterRecords target = deadLetters;
        if (target == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " used before configure()");
        }
        LOG.warn(
                "Dead-lettering an undeserialisable record from {}-{}@{}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                exception.toString());
        var out = target.record(
                DeadLetterReason.DESERIALIZATION,
                "cannot deserialise the record: " + exception.getMessage(),
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                record.value(),
                exception,
                record.timestamp());
        return Response.resume(List.of(out));
    }
}
