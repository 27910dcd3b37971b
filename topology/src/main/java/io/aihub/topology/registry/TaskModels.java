package io.aihub.topology.registry;

import io.aihub.schemas.ModelFamily;
import io.aihub.topology.models.ModelRef;
import io.aihub.topology.models.TrainedModel;
import io.aihub.topology.registry.ProductionModels.ProductionModel;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production models as one stream task sees them: a tenant's list is read from the registry's global store once
 * per registry change ({@link ProductionModels#generation()}), and a model that cannot be loaded is skipped, logged
 * and retried a minute later, so that a bad model never stops the stream nor costs a download per record. Not
 * thread-safe: one per processor instance.
 */
public final class TaskModels {

    private static final Logger log = LoggerFactory.getLogger(TaskModels.class);
    private static final Duration RETRY_UNUSABLE = Duration.ofMinutes(1);

    private final ProductionModels models;
    private final BiFunction<ReadOnlyKeyValueStore<String, ModelFamily>, String, List<ProductionModel>> lookup;
    private final String use;
    private final Map<String, Listed> byTenant = new HashMap<>();
    private final Map<ModelRef, Long> unusableUntil = new HashMap<>();
    private @Nullable ReadOnlyKeyValueStore<String, ModelFamily> registry;

    private record Listed(long generation, List<ProductionModel> models) {}

    /**
     * @param lookup a tenant's production models of the kind wanted, e.g. {@link ProductionModels#anomalyModels}
     * @param use what the models are used for, in log lines ("in-stream scoring")
     */
    public TaskModels(
            ProductionModels models,
            BiFunction<ReadOnlyKeyValueStore<String, ModelFamily>, String, List<ProductionModel>> lookup,
            String use) {
        this.models = models;
        this.lookup = lookup;
        this.use = use;
    }

    /** Called from the processor's {@code init} with the registry's global store; forgets what it knew. */
    public void init(ReadOnlyKeyValueStore<String, ModelFamily> registry) {
        this.registry = registry;
        byTenant.clear();
        unusableUntil.clear();
    }

    /** The tenant's production models, re-read after a registry change. */
    public List<ProductionModel> of(String tenantId) {
        long generation = models.generation();
        Listed known = byTenant.get(tenantId);
        if (known == null || known.generation() != generation) {
            known = new Listed(generation, lookup.apply(Objects.requireNonNull(registry), tenantId));
            byTenant.put(tenantId, known);
        }
        return known.models();
    }

    /** The trained model, or null if it cannot be loaded now (then it is skipped for a minute). */
    public @Nullable TrainedModel load(ProductionModel model, long nowMillis) {
        ModelRef ref = model.ref();
        Long retryAt = unusableUntil.get(ref);
        if (retryAt != null && nowMillis < retryAt) {
            return null;
        }
        try {
            TrainedModel trained = models.load(model);
            unusableUntil.remove(ref);
            return trained;
        } catch (RuntimeException e) {
            unusableUntil.put(ref, nowMillis + RETRY_UNUSABLE.toMillis());
            log.warn(
                    "Cannot use model {} for {}, skipping it for {}: {}",
                    model.id(),
                    use,
                    RETRY_UNUSABLE,
                    e.getMessage());
            return null;
        }
    }
}
