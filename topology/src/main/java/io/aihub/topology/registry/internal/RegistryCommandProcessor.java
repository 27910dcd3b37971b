package io.aihub.topology.registry.internal;

import io.aihub.schemas.ModelFamily;
import io.aihub.schemas.RegistryCommand;
import io.aihub.topology.registry.ModelId;
import io.aihub.topology.registry.ModelRegistryStores;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's single writer per model name: applies each command with {@link RegistryStateMachine}, keeps the
 * state in its changelogged stores, writes a changed state to the registry topic and the reply to the replies
 * topic. Commands are keyed by {@code tenant:name}, so one task sees all commands of a model name, in order.
 */
public final class RegistryCommandProcessor implements Processor<String, RegistryCommand, String, Object> {

    private static final Logger log = LoggerFactory.getLogger(RegistryCommandProcessor.class);

    private final String registrySink;
    private final String replySink;
    private @Nullable ProcessorContext<String, Object> context;
    private @Nullable KeyValueStore<String, ModelFamily> state;
    private @Nullable KeyValueStore<String, RegistryCommand> reservations;

    public RegistryCommandProcessor(String registrySink, String replySink) {
        this.registrySink = registrySink;
        this.replySink = replySink;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.state = context.getStateStore(ModelRegistryStores.STATE);
        this.reservations = context.getStateStore(ModelRegistryStores.RESERVATIONS);
    }

    @Override
    public void process(Record<String, RegistryCommand> record) {
        var ctx = Objects.requireNonNull(context);
        var states = Objects.requireNonNull(state);
        var reserved = Objects.requireNonNull(reservations);
        RegistryCommand command = record.value();
        if (command == null) {
            return;
        }
        var id = new ModelId(command.getTenantId(), command.getModelName(), command.getVersion());
        String familyKey = id.familyKey();
        String reservationKey = id.toString();
        long now = ctx.currentSystemTimeMs();
        var result = RegistryStateMachine.apply(states.get(familyKey), reserved.get(reservationKey), command, now);
        switch (result.reservation()) {
            case PUT -> reserved.put(reservationKey, command);
            case REMOVE -> reserved.delete(reservationKey);
            case KEEP -> {}
        }
        if (result.changed()) {
            ModelFamily family = Objects.requireNonNull(result.family());
            states.put(familyKey, family);
            // no versions left: a tombstone, so compaction forgets the model name; the writer keeps its revision
            ModelFamily published = family.getVersions().isEmpty() ? null : family;
            ctx.forward(new Record<String, Object>(familyKey, published, now), registrySink);
        }
        ctx.forward(new Record<String, Object>(command.getCommandId(), result.reply(), now), replySink);
        log.info(
                "Registry {} {}: {} {}",
                command.getType(),
                reservationKey,
                result.reply().getStatus(),
                result.reply().getMessage());
    }
}
