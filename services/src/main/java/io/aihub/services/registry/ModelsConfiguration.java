package io.aihub.services.registry;

import io.aihub.services.config.AihubProperties;
import io.aihub.services.registry.storage.ModelStorage;
import io.aihub.topology.models.ArtifactLoader;
import io.aihub.topology.models.ModelCache;
import io.aihub.topology.models.ModelCacheSettings;
import io.aihub.topology.registry.ModelId;
import io.aihub.topology.registry.ProductionModels;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The stream's model cache (size and TTL from settings) and the loader that reads artifacts from S3. */
@Configuration(proxyBeanMethods = false)
class ModelsConfiguration {

    @Bean
    ModelCache modelCache(AihubProperties settings, MeterRegistry meters) {
        var models = settings.models();
        var cache = new ModelCache(new ModelCacheSettings(
                models.cacheSize(), models.cacheTtl(), models.maxArtifactSize().toBytes()));
        FunctionCounter.builder("aihub.models.cache.hits", cache, c -> c.stats().hits())
                .register(meters);
        FunctionCounter.builder(
                        "aihub.models.cache.misses", cache, c -> c.stats().misses())
                .register(meters);
        FunctionCounter.builder(
                        "aihub.models.cache.loads", cache, c -> c.stats().loads())
                .register(meters);
        FunctionCounter.builder(
                        "aihub.models.cache.load.failures",
                        cache,
                        c -> c.stats().loadFailures())
                .register(meters);
        FunctionCounter.builder(
                        "aihub.models.cache.evictions", cache, c -> c.stats().evictions())
                .register(meters);
        Gauge.builder("aihub.models.cache.size", cache, c -> c.stats().size()).register(meters);
        return cache;
    }

    /** Downloads {@code model.bin} of a version from S3, refusing one larger than the artifact limit. */
    @Bean
    ArtifactLoader artifactLoader(ObjectProvider<ModelStorage> storage, AihubProperties settings) {
        long maxBytes = settings.models().maxArtifactSize().toBytes();
        return ref -> {
            ModelStorage store = storage.getIfAvailable();
            if (store == null) {
                throw new IOException("no S3 endpoint is configured (AIHUB_S3_ENDPOINT): cannot load " + ref.modelId());
            }
            ModelId id =
                    ModelId.parse(ref.modelId()).orElseThrow(() -> new IOException("not a model id: " + ref.modelId()));
            return store.downloadArtifact(id.tenantId(), id.modelName(), id.version(), maxBytes);
        };
    }

    @Bean
    ProductionModels productionModels(ModelCache cache, ArtifactLoader loader) {
        return new ProductionModels(cache, loader);
    }
}
