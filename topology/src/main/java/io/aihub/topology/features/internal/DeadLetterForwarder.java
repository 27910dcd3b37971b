package io.aihub.topology.features.internal;

import io.aihub.schemas.DeadLetter;
import io.aihub.schemas.DeadLetterReason;
import io.aihub.topology.errors.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jspecify.annotations.Nullable;

/**
 * Forwards rejected records to the dead-letter sink (encoding: {@link DeadLetters}) and counts them in the
 * {@code aihub-dead-letter-total} metric, one sensor per reason code for this task.
 */
public final class DeadLetterForwarder {

    private final ProcessorContext<Object, Object> context;
    private final String sinkName;
    private final Map<DeadLetterReason, Sensor> sensors = new EnumMap<>(DeadLetterReason.class);

    public DeadLetterForwarder(ProcessorContext<Object, Object> context, String sinkName) {
        this(context, sinkName, "");
    }

    /**
     * As above, for a second processor of the same task: {@code component} (e.g. {@code "maintenance-"}) keeps its
     * sensors apart from the first one's.
     */
    public DeadLetterForwarder(ProcessorContext<Object, Object> context, String sinkName, String component) {
        this.context = context;
        this.sinkName = sinkName;
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            sensors.put(
                    reason,
                    context.metrics()
                            .addRateTotalSensor(
                                    DeadLetters.METRIC_SCOPE,
                                    component + "task-" + context.taskId() + "-"
                                            + reason.name().toLowerCase(java.util.Locale.ROOT),
                                    DeadLetters.METRIC_OPERATION,
                                    Sensor.RecordingLevel.INFO,
                                    DeadLetters.METRIC_REASON_TAG,
                                    reason.name()));
        }
    }

    public void forward(Rejection rejection, @Nullable String key, byte @Nullable [] valueBytes, long timestamp) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        DeadLetter letter = DeadLetters.envelope(
                rejection.code(),
                rejection.reason(),
                meta == null ? "" : meta.topic(),
                meta == null ? -1 : meta.partition(),
                meta == null ? -1L : meta.offset(),
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                valueBytes,
                null,
                Instant.now(),
                context.applicationId());
        context.forward(
                new Record<Object, Object>(
                        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                        letter,
                        Math.max(0, timestamp),
                        DeadLetters.headers(letter)),
                sinkName);
        sensors.get(rejection.code()).record();
    }

    /**
     * Dead-letters a record whose value was deserialised: its bytes are rebuilt with {@code serializer} (when that
     * fails, the letter says so and carries no value).
     */
    public <V> void forwardValue(
            Rejection rejection, @Nullable String key, Serializer<V> serializer, V value, long timestamp) {
        byte[] bytes;
        Rejection why = rejection;
        try {
            bytes = serializer.serialize(sourceTopic(), value);
        } catch (SerializationException e) {
            bytes = null;
            why = new Rejection(rejection.code(), rejection.reason() + " (value not re-serialisable: " + e + ")");
        }
        forward(why, key, bytes, timestamp);
    }

    /** Dead-letters a record whose value is null or of a type its processor does not take ({@code INVALID_VALUE}). */
    public void forwardUnexpected(@Nullable String key, @Nullable Object value, long timestamp) {
        String why = value == null
                ? "value is null"
                : "unexpected value type " + value.getClass().getName();
        forward(new Rejection(DeadLetterReason.INVALID_VALUE, why), key, null, timestamp);
    }

    public String sourceTopic() {
        return context.recordMetadata().map(RecordMetadata::topic).orElse("");
    }

    public void close() {
        for (Sensor sensor : sensors.values()) {
            context.metrics().removeSensor(sensor);
        }
    }
}
