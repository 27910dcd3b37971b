package io.aihub.topology.errors;

import io.aihub.schemas.DeadLetter;
import io.aihub.schemas.DeadLetterReason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.jspecify.annotations.Nullable;

/**
 * The one dead-letter encoding of the project (see topology/README-dead-letter.md): key = the rejected record's raw
 * key bytes; value = a {@link DeadLetter} in plain Avro binary; headers {@code aihub.dlq.*} as UTF-8 strings.
 */
public final class DeadLetters {

    public static final String HEADER_REASON = "aihub.dlq.reason";
    public static final String HEADER_CODE = "aihub.dlq.code";
    public static final String HEADER_SOURCE_TOPIC = "aihub.dlq.source.topic";
    public static final String HEADER_SOURCE_PARTITION = "aihub.dlq.source.partition";
    public static final String HEADER_SOURCE_OFFSET = "aihub.dlq.source.offset";
    public static final String HEADER_EXCEPTION = "aihub.dlq.exception";

    /** Streams config key naming the dead-letter topic, read by {@link DeadLetterDeserializationHandler}. */
    public static final String DEAD_LETTER_TOPIC_CONFIG = "aihub.dead.letter.topic";

    /** Metric (operation) name of the dead-letter counter: {@code aihub-dead-letter-total}, tagged by reason. */
    public static final String METRIC_OPERATION = "aihub-dead-letter";

    public static final String METRIC_SCOPE = "aihub-features";
    public static final String METRIC_REASON_TAG = "reason";

    private DeadLetters() {}

    public static DeadLetter envelope(
            DeadLetterReason code,
            String reason,
            String sourceTopic,
            int sourcePartition,
            long sourceOffset,
            byte @Nullable [] key,
            byte @Nullable [] value,
            @Nullable Throwable exception,
            Instant failedAt,
            @Nullable String applicationId) {
        return new DeadLetter(
                code,
                reason,
                sourceTopic,
                sourcePartition,
                sourceOffset,
                key == null ? null : ByteBuffer.wrap(key),
                value == null ? null : ByteBuffer.wrap(value),
                exception == null ? null : exception.getClass().getName(),
                failedAt,
                applicationId);
    }

    /** The headers saying why, from the envelope. */
    public static Headers headers(DeadLetter letter) {
        var headers = new RecordHeaders();
        add(headers, HEADER_REASON, letter.getReason());
        add(headers, HEADER_CODE, letter.getReasonCode().name());
        add(headers, HEADER_SOURCE_TOPIC, letter.getSourceTopic());
        add(headers, HEADER_SOURCE_PARTITION, Integer.toString(letter.getSourcePartition()));
        add(headers, HEADER_SOURCE_OFFSET, Long.toString(letter.getSourceOffset()));
        if (letter.getExceptionClass() != null) {
            add(headers, HEADER_EXCEPTION, letter.getExceptionClass());
        }
        return headers;
    }

    /** The dead-letter topic from a handler's configs; a ConfigException naming the key if absent. */
    static String configuredTopic(Map<String, ?> configs, Class<?> handler) {
        Object configured = configs.get(DEAD_LETTER_TOPIC_CONFIG);
        if (!(configured instanceof String name) || name.isBlank()) {
            throw new ConfigException(
                    DEAD_LETTER_TOPIC_CONFIG,
                    configured,
                    "the dead-letter topic must be configured for " + handler.getSimpleName());
        }
        return name;
    }

    static @Nullable String applicationId(Map<String, ?> configs) {
        Object app = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        return app == null ? null : app.toString();
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
