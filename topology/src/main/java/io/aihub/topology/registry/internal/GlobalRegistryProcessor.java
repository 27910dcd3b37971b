package io.aihub.topology.registry.internal;

import io.aihub.schemas.ModelFamily;
import io.aihub.topology.registry.ModelRegistryStores;
import io.aihub.topology.registry.RegistryListener;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/** Keeps this instance's copy of the registry topic and tells the listener about each change once stored. */
public final class GlobalRegistryProcessor implements Processor<String, ModelFamily, Void, Void> {

    private final RegistryListener listener;
    private @Nullable KeyValueStore<String, ModelFamily> store;

    public GlobalRegistryProcessor(RegistryListener listener) {
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(ModelRegistryStores.REGISTRY);
    }

    @Override
    public void process(Record<String, ModelFamily> record) {
        if (record.key() == null) {
            return;
        }
        var registry = Objects.requireNonNull(store);
        if (record.value() == null) {
            registry.delete(record.key());
        } else {
            registry.put(record.key(), record.value());
        }
        listener.familyChanged(record.key(), record.value());
    }
}
