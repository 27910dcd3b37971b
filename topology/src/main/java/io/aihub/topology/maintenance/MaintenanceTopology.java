package io.aihub.topology.maintenance;

import io.aihub.topology.Topics;
import io.aihub.topology.maintenance.internal.MaintenanceProcessor;
import java.util.Set;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The maintenance views' part of the topology: the assets, work-orders and alarms topics (keyed tenant:asset,
 * co-partitioned with telemetry) and every feature vector of the feature processor into one processor that keeps
 * {@link MaintenanceStores}; invalid events to the dead-letter topic. Semantics: README, "Feature views".
 */
public final class MaintenanceTopology {

    public static final String ASSETS_SOURCE = "aihub-assets-source";
    public static final String WORK_ORDERS_SOURCE = "aihub-work-orders-source";
    public static final String ALARMS_SOURCE = "aihub-alarms-source";
    public static final String PROCESSOR = "aihub-maintenance-processor";
    public static final String DEAD_LETTER_SINK = "aihub-maintenance-dead-letter-sink";

    private MaintenanceTopology() {}

    /**
     * Adds the sources, the processor and its dead-letter sink; {@code vectorParent} must forward every accepted
     * reading's feature vector to {@link #PROCESSOR} and be in the same sub-topology (the anomaly log store, read with
     * these stores, is).
     */
    public static Topology addTo(Topology topology, Topics topics, String vectorParent) {
        ProcessorSupplier<Object, Object, Object, Object> supplier = new ProcessorSupplier<>() {
            @Override
            public MaintenanceProcessor get() {
                return new MaintenanceProcessor(
                        DEAD_LETTER_SINK,
                        topics.assets().valueSerde().serializer(),
                        topics.workOrders().valueSerde().serializer(),
                        topics.alarms().valueSerde().serializer());
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return MaintenanceStores.storeBuilders();
            }
        };
        addSource(topology, ASSETS_SOURCE, topics.assets());
        addSource(topology, WORK_ORDERS_SOURCE, topics.workOrders());
        addSource(topology, ALARMS_SOURCE, topics.alarms());
        topology.addProcessor(PROCESSOR, supplier, vectorParent, ASSETS_SOURCE, WORK_ORDERS_SOURCE, ALARMS_SOURCE);
        topology.addSink(
                DEAD_LETTER_SINK,
                topics.deadLetter().name(),
                topics.deadLetter().keySerde().serializer(),
                topics.deadLetter().valueSerde().serializer(),
                PROCESSOR);
        return topology;
    }

    private static void addSource(Topology topology, String name, io.aihub.topology.TopicSpec<String, ?> topic) {
        topology.addSource(
                name, topic.keySerde().deserializer(), topic.valueSerde().deserializer(), topic.name());
    }
}
