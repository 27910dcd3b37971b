package io.aihub.topology.errors;

import io.aihub.schemas.DeadLetter;
import io.aihub.schemas.DeadLetterReason;
import io.aihub.topology.SerdeFactory;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Builds the dead-letter records of the exception handlers: the envelope in plain Avro, its headers, the raw key,
 * to the configured dead-letter topic. One place, so both handlers write the same encoding.
 */
final class DeadLetterRecords {

    private final Serializer<DeadLetter> serializer =
            SerdeFactory.plainAvro().value(DeadLetter.class).serializer();
    private final String topic;
    private final @Nullable String applicationId;

    /** Reads {@code aihub.dead.letter.topic} (required) and the application id from a handler's configs. */
    DeadLetterRecords(Map<String, ?> configs, Class<?> handler) {
        this.topic = DeadLetters.configuredTopic(configs, handler);
        this.applicationId = DeadLetters.applicationId(configs);
    }

    ProducerRecord<byte[], byte[]> record(
            DeadLetterReason reason,
            String text,
            String sourceTopic,
            int partition,
            long offset,
            byte @Nullable [] key,
            byte @Nullable [] value,
            Exception exception,
            long timestamp) {
        DeadLetter letter = DeadLetters.envelope(
                reason, text, sourceTopic, partition, offset, key, value, exception, Instant.now(), applicationId);
        return new ProducerRecord<>(
                topic,
                null,
                timestamp < 0 ? null : timestamp,
                key,
                serializer.serialize(topic, letter),
                DeadLetters.headers(letter));
    }
}
