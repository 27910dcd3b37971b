package io.aihub.topology.errors;

import io.aihub.schemas.DeadLetterReason;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the source record of a processor that threw (a bug of ours, or a store failure that is not fatal) to the
 * dead-letter topic with reason PROCESSING_ERROR and the exception class, and resumes. The envelope carries the raw
 * source key and value bytes (KIP-1034). Same encoding as {@link DeadLetterDeserializationHandler}.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private @Nullable DeadLetterRecords deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = new DeadLetterRecords(configs, getClass());
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        DeadLetterRecords target = deadLetters;
        if (target == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " used before configure()");
        }
        LOG.error(
                "Dead-lettering a record that failed in processor {} ({}-{}@{})",
                context.processorNodeId(),
                context.topic(),
                context.partition(),
                context.offset(),
                exception);
        var out = target.record(
                DeadLetterReason.PROCESSING_ERROR,
                "processor " + context.processorNodeId() + " failed: " + exception,
                context.topic() == null ? "" : context.topic(),
                context.partition(),
                context.offset(),
                context.sourceRawKey(),
                context.sourceRawValue(),
                exception,
                context.timestamp());
        return Response.resume(List.of(out));
    }
}
