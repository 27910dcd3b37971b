package io.aihub.topology.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.schemas.DeadLetter;
import io.aihub.schemas.DeadLetterReason;
import io.aihub.topology.SerdeFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class DeadLetterHandlersTest {

    private static final byte[] KEY = "t1:a1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = {1, 2, 3};

    private static ErrorHandlerContext context() {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return "telemetry";
            }

            @Override
            public int partition() {
                return 3;
            }

            @Override
            public long offset() {
                return 42;
            }

            @Override
            public Headers headers() {
                return new RecordHeaders();
            }

            @Override
            public String processorNodeId() {
                return "aihub-features-processor";
            }

            @Override
            public TaskId taskId() {
                return new TaskId(0, 3);
            }

            @Override
            public long timestamp() {
                return 1000;
            }

            @Override
            public byte[] sourceRawKey() {
                return KEY;
            }

            @Override
            public byte[] sourceRawValue() {
                return VALUE;
            }
        };
    }

    @Test
    void shouldDeadLetterTheRawSourceRecordOfAFailedProcessorAndResume() {
        var handler = new DeadLetterProcessingHandler();
        handler.configure(Map.of(DeadLetters.DEAD_LETTER_TOPIC_CONFIG, "dlq", "application.id", "app"));

        var response =
                handler.handleError(context(), new Record<>("t1:a1", "x", 1000), new IllegalStateException("boom"));

        assertThat(response.result().name()).isEqualTo("RESUME");
        assertThat(response.deadLetterQueueRecords()).hasSize(1);
        ProducerRecord<byte[], byte[]> out = response.deadLetterQueueRecords().getFirst();
        assertThat(out.topic()).isEqualTo("dlq");
        assertThat(out.key()).isEqualTo(KEY);
        DeadLetter letter =
                SerdeFactory.plainAvro().value(DeadLetter.class).deserializer().deserialize("dlq", out.value());
        assertThat(letter.getReasonCode()).isEqualTo(DeadLetterReason.PROCESSING_ERROR);
        assertThat(letter.getValue()).isEqualTo(ByteBuffer.wrap(VALUE));
        assertThat(letter.getExceptionClass()).isEqualTo(IllegalStateException.class.getName());
        assertThat(letter.getApplicationId()).isEqualTo("app");
        assertThat(new String(
                        out.headers()
                                .lastHeader(DeadLetters.HEADER_SOURCE_PARTITION)
                                .value(),
                        StandardCharsets.UTF_8))
                .isEqualTo("3");
        assertThat(new String(out.headers().lastHeader(DeadLetters.HEADER_CODE).value(), StandardCharsets.UTF_8))
                .isEqualTo("PROCESSING_ERROR");
    }

    @Test
    void shouldRefuseToStartWithoutTheDeadLetterTopic() {
        assertThatThrownBy(() -> new DeadLetterDeserializationHandler().configure(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(DeadLetters.DEAD_LETTER_TOPIC_CONFIG);
    }
}
