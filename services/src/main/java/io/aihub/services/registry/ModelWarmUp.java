package io.aihub.services.registry;

import io.aihub.schemas.ModelFamily;
import io.aihub.schemas.ModelStage;
import io.aihub.schemas.ModelVersion;
import io.aihub.services.config.AihubProperties;
import io.aihub.services.query.StreamsRuntime;
import io.aihub.topology.models.ModelRef;
import io.aihub.topology.registry.ModelId;
import io.aihub.topology.registry.ModelRegistryStores;
import io.aihub.topology.registry.ProductionModels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Keeps production models loaded before the stream needs them: once the stream runs, loads every production
 * version the stream can load (AIHUB_MODELS_WARM_UP, default on), and whenever the registry changes, loads the new
 * production version in the background, so the first record after a promote finds it in the cache.
 */
@Component
class ModelWarmUp implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ModelWarmUp.class);

    private final RegistryEvents events;
    private final ProductionModels models;
    private final StreamsRuntime runtime;
    private final boolean warmUp;
    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "aihub-model-warm-up");
        thread.setDaemon(true);
        return thread;
    });

    ModelWarmUp(RegistryEvents events, ProductionModels models, StreamsRuntime runtime, AihubProperties settings) {
        this.events = events;
        this.models = models;
        this.runtime = runtime;
        this.warmUp = settings.models().warmUp();
    }

    @Override
    public void afterPropertiesSet() {
        events.onFamilyChanged(this::preload);
        if (warmUp) {
            loader.execute(this::warmUpWhenRunning);
        }
    }

    private void preload(String familyKey, @Nullable ModelFamily family) {
        if (family == null) {
            return;
        }
        List<ModelRef> refs = productionRefs(family);
        if (!refs.isEmpty()) {
            loader.execute(() -> load(refs));
        }
    }

    private void warmUpWhenRunning() {
        try {
            while (true) {
                long seen = runtime.generation();
                KafkaStreams streams = runtime.streams();
                if (streams != null && streams.state() == KafkaStreams.State.RUNNING) {
                    break;
                }
                runtime.awaitChange(seen, Duration.ofMinutes(1));
            }
            var refs = new ArrayList<ModelRef>();
            var streams = runtime.streams();
            if (streams == null) {
                return;
            }
            var store = streams.store(StoreQueryParameters.fromNameAndType(
                    ModelRegistryStores.REGISTRY, QueryableStoreTypes.<String, ModelFamily>keyValueStore()));
            try (var all = store.all()) {
                all.forEachRemaining(entry -> refs.addAll(productionRefs(entry.value)));
            }
            var report = load(refs);
            log.info("Model warm-up: {} production model(s) loaded, {} failed", report[0], report[1]);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (InvalidStateStoreException e) {
            log.warn("Model warm-up skipped: the registry store is not queryable ({})", e.getMessage());
        }
    }

    private int[] load(List<ModelRef> refs) {
        var report = models.cache().warmUp(refs, models.loader());
        report.failed()
                .forEach(failure -> log.warn(
                        "Could not load production model {}: {}",
                        failure.ref().modelId(),
                        failure.error().getMessage()));
        return new int[] {report.loaded().size(), report.failed().size()};
    }

    private static List<ModelRef> productionRefs(ModelFamily family) {
        var refs = new ArrayList<ModelRef>();
        for (ModelVersion version : family.getVersions()) {
            if (version.getStage() == ModelStage.production && version.getArtifactKind() != null) {
                var id = new ModelId(family.getTenantId(), family.getModelName(), version.getVersion());
                refs.add(new ModelRef(id.toString(), version.getArtifactSha256(), version.getArtifactSize()));
            }
        }
        return refs;
    }

    @Override
    public void destroy() {
        loader.shutdownNow();
    }
}
