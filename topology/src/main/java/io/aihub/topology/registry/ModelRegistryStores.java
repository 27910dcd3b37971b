package io.aihub.topology.registry;

import io.aihub.schemas.ModelFamily;
import io.aihub.schemas.RegistryCommand;
import io.aihub.schemas.RegistryReply;
import io.aihub.topology.SerdeFactory;
import io.aihub.topology.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** The registry's state stores. Names are part of the state's identity: never rename them. */
public final class ModelRegistryStores {

    /** The writer's state: model name key ({@code tenant:name}) -> its versions. Changelogged, one task per key. */
    public static final String STATE = "aihub-model-registry-state";

    /** Open reservations: model id -> the RESERVE command holding it. Changelogged, next to {@link #STATE}. */
    public static final String RESERVATIONS = "aihub-model-registry-reservations";

    /**
     * Every instance's copy of the {@code model-registry} topic: model name key -> its versions. A global store:
     * readable from any processor and from the REST facade on any instance.
     */
    public static final String REGISTRY = "aihub-model-registry";

    /** Every instance's view of the replies topic (in memory; only used to wake waiting requests). */
    public static final String REPLIES = "aihub-model-registry-replies";

    private ModelRegistryStores() {}

    static StoreBuilder<KeyValueStore<String, ModelFamily>> state() {
        return Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STATE),
                Serdes.String(),
                SerdeFactory.plainAvro().value(ModelFamily.class));
    }

    static StoreBuilder<KeyValueStore<String, RegistryCommand>> reservations() {
        return Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(RESERVATIONS),
                Serdes.String(),
                SerdeFactory.plainAvro().value(RegistryCommand.class));
    }

    /** Global stores restore straight from their topic, so they use the topic's serdes and no changelog. */
    static StoreBuilder<KeyValueStore<String, ModelFamily>> registry(Topics topics) {
        return Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(REGISTRY),
                        topics.modelRegistry().keySerde(),
                        topics.modelRegistry().valueSerde())
                .withLoggingDisabled();
    }

    static StoreBuilder<KeyValueStore<String, RegistryReply>> replies(Topics topics) {
        return Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(REPLIES),
                        topics.registryReplies().keySerde(),
                        topics.registryReplies().valueSerde())
                .withLoggingDisabled();
    }
}
