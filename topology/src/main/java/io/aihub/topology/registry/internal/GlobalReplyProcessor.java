package io.aihub.topology.registry.internal;

import io.aihub.schemas.RegistryReply;
import io.aihub.topology.registry.RegistryListener;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Hands every reply to the listener, which wakes the request waiting for it (if it runs on this instance). Stores
 * nothing: a reply matters only to a request that is waiting now.
 */
public final class GlobalReplyProcessor implements Processor<String, RegistryReply, Void, Void> {

    private final RegistryListener listener;

    public GlobalReplyProcessor(RegistryListener listener) {
        this.listener = listener;
    }

    @Override
    public void process(Record<String, RegistryReply> record) {
        if (record.value() != null) {
            listener.replied(record.value());
        }
    }
}
