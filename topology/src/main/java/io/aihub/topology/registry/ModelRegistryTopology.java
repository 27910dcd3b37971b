package io.aihub.topology.registry;

import io.aihub.schemas.RegistryCommand;
import io.aihub.topology.Topics;
import io.aihub.topology.registry.internal.GlobalRegistryProcessor;
import io.aihub.topology.registry.internal.GlobalReplyProcessor;
import io.aihub.topology.registry.internal.RegistryCommandProcessor;
import java.util.Set;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The model registry as a stream: {@code model-registry-commands} -> one writer per model name (state stores
 * {@link ModelRegistryStores#STATE} and {@link ModelRegistryStores#RESERVATIONS}) -> the compacted
 * {@code model-registry} topic and {@code model-registry-replies}; both read back by every instance into global
 * stores. The registry topic is the source of truth: the global store is rebuilt from it on start.
 */
public final class ModelRegistryTopology {

    public static final String COMMAND_SOURCE = "aihub-registry-command-source";
    public static final String COMMAND_PROCESSOR = "aihub-registry-command-processor";
    public static final String REGISTRY_SINK = "aihub-registry-sink";
    public static final String REPLY_SINK = "aihub-registry-reply-sink";
    public static final String REGISTRY_SOURCE = "aihub-registry-global-source";
    public static final String REGISTRY_PROCESSOR = "aihub-registry-global-processor";
    public static final String REPLY_SOURCE = "aihub-registry-reply-source";
    public static final String REPLY_PROCESSOR = "aihub-registry-reply-processor";

    private ModelRegistryTopology() {}

    /** Adds the registry's nodes and stores to {@code topology}; {@code listener} hears every applied record. */
    public static Topology addTo(Topology topology, Topics topics, RegistryListener listener) {
        ProcessorSupplier<String, RegistryCommand, String, Object> writer = new ProcessorSupplier<>() {
            @Override
            public RegistryCommandProcessor get() {
                return new RegistryCommandProcessor(REGISTRY_SINK, REPLY_SINK);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(ModelRegistryStores.state(), ModelRegistryStores.reservations());
            }
        };
        topology.addSource(
                COMMAND_SOURCE,
                topics.registryCommands().keySerde().deserializer(),
                topics.registryCommands().valueSerde().deserializer(),
                topics.registryCommands().name());
        topology.addProcessor(COMMAND_PROCESSOR, writer, COMMAND_SOURCE);
        topology.addSink(
                REGISTRY_SINK,
                topics.modelRegistry().name(),
                topics.modelRegistry().keySerde().serializer(),
                topics.modelRegistry().valueSerde().serializer(),
                COMMAND_PROCESSOR);
        topology.addSink(
                REPLY_SINK,
                topics.registryReplies().name(),
                topics.registryReplies().keySerde().serializer(),
                topics.registryReplies().valueSerde().serializer(),
                COMMAND_PROCESSOR);
        topology.addGlobalStore(
                ModelRegistryStores.registry(topics),
                REGISTRY_SOURCE,
                topics.modelRegistry().keySerde().deserializer(),
                topics.modelRegistry().valueSerde().deserializer(),
                topics.modelRegistry().name(),
                REGISTRY_PROCESSOR,
                () -> new GlobalRegistryProcessor(listener));
        topology.addGlobalStore(
                ModelRegistryStores.replies(topics),
                REPLY_SOURCE,
                topics.registryReplies().keySerde().deserializer(),
                topics.registryReplies().valueSerde().deserializer(),
                topics.registryReplies().name(),
                REPLY_PROCESSOR,
                () -> new GlobalReplyProcessor(listener));
        return topology;
    }
}
