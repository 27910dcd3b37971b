package io.aihub.services.registry;

import io.aihub.schemas.ModelFamily;
import io.aihub.services.query.InteractiveQueries;
import io.aihub.topology.registry.ModelId;
import io.aihub.topology.registry.ModelRegistryStores;
import io.aihub.topology.registry.ProductionModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.stereotype.Component;

/** Reads the registry from this instance's global store: every instance answers every read. */
@Component
class RegistryView {

    private final InteractiveQueries queries;

    RegistryView(InteractiveQueries queries) {
        this.queries = queries;
    }

    Optional<ModelFamily> family(String tenantId, String modelName) {
        String key = ModelId.familyKey(tenantId, modelName);
        return Optional.ofNullable(queries.<String, ModelFamily, ModelFamily>queryGlobal(
                ModelRegistryStores.REGISTRY, store -> store.get(key)));
    }

    /** The tenant's production forecast models, most specific first ({@link ProductionModels#forecastModels}). */
    List<ProductionModels.ProductionModel> productionForecastModels(String tenantId) {
        return queries.<String, ModelFamily, List<ProductionModels.ProductionModel>>queryGlobal(
                ModelRegistryStores.REGISTRY, store -> ProductionModels.forecastModels(store, tenantId));
    }

    /** Every model name of one tenant (a prefix scan of {@code tenant:}; tenant ids cannot contain ':'). */
    List<ModelFamily> families(String tenantId) {
        return queries.<String, ModelFamily, List<ModelFamily>>queryGlobal(
                ModelRegistryStores.REGISTRY, store -> scan(store, tenantId + ":"));
    }

    private static List<ModelFamily> scan(ReadOnlyKeyValueStore<String, ModelFamily> store, String prefix) {
        var found = new ArrayList<ModelFamily>();
        try (var entries = store.prefixScan(prefix, Serdes.String().serializer())) {
            entries.forEachRemaining(entry -> found.add(entry.value));
        }
        return found;
    }
}
