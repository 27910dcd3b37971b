package io.aihub.topology.errors;

import io.aihub.schemas.DeadLetter;
import io.aihub.schemas.DeadLetterReason;
import io.aihub.topology.SerdeFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
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

    private final Serializer<DeadLetter> serializer =
            SerdeFactory.plainAvro().value(DeadLetter.class).serializer();
    private @Nullable String topic;
    private @Nullable String applicationId;

    @Override
    public void configure(Map<String, ?> configs) {
        topic = DeadLetters.configuredTopic(configs, getClass());
        applicationId = DeadLetters.applicationId(configs);
    }

    @Override
    public Response handleError(
            ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        String target = topic;
        if (target == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " used before configure()");
        }
        LOG.warn(
                "Dead-lettering an undeserialisable record from {}-{}@{}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                exception.toString());
        DeadLetter letter = DeadLetters.envelope(
                DeadLetterReason.DESERIALIZATION,
                "cannot deserialise the record: " + exception.getMessage(),
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                record.value(),
                exception,
                Instant.now(),
                applicationId);
        var out = new ProducerRecord<>(
                target,
                null,
                record.timestamp() < 0 ? null : record.timestamp(),
                record.key(),
                serializer.serialize(target, letter),
                DeadLetters.headers(letter));
        return Response.resume(List.of(out));
    }
}
