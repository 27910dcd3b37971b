package io.aihub.topology.models;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models a stream processor uses, loaded from their artifacts on first use and kept in a Caffeine cache keyed by
 * {@link ModelRef} (id, SHA-256 and size: a re-registered version with other bytes is another entry).
 *
 * <ul>
 *   <li>Size: at most {@link ModelCacheSettings#maxModels()} models. Caffeine evicts by Window TinyLFU, which is LRU
 *       refined by how often an entry is read: a model read once may go before an older, often-read one.
 *   <li>Time: a model not read for {@link ModelCacheSettings#ttl()} expires (expire <em>after access</em>, so a model
 *       in steady use stays however old it is; a re-registered version has a new key anyway).
 *   <li>Loading: once per key, however many callers ask at the same time; the first caller loads on its own thread
 *       (an S3 download in production) and the others wait for its result. The load does not run inside the cache's
 *       map lock (it is an {@link AsyncCache} whose future the first caller completes), so a slow download blocks no
 *       other model. A failed load is not cached: the next call tries again.
 *   <li>Checks: the registered size against {@link ModelCacheSettings#maxArtifactBytes()} before fetching; the
 *       fetched bytes against the registered size, then everything {@link ModelArtifacts#read} checks, with the
 *       registered SHA-256.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class ModelCache {

    private static final Logger LOG = LoggerFactory.getLogger(ModelCache.class);
    private static final BiFunction<ModelRef, Executor, CompletableFuture<TrainedModel>> NEW_LOAD =
            (ref, executor) -> new PendingLoad();

    private final ModelCacheSettings settings;
    private final AsyncCache<ModelRef, TrainedModel> cache;

    /** A cache on the system clock. */
    public ModelCache(ModelCacheSettings settings) {
        this(settings, Ticker.systemTicker());
    }

    /** A cache whose expiry reads the given clock (a fake one in tests). */
    public ModelCache(ModelCacheSettings settings, Ticker ticker) {
        this.settings = settings;
        this.cache = Caffeine.newBuilder()
                .maximumSize(settings.maxModels())
                .expireAfterAccess(settings.ttl())
                .ticker(ticker)
                // evictions run on the calling thread: the cache is small and the common pool stays free
                .executor(Runnable::run)
                .recordStats()
                .buildAsync();
    }

    /**
     * The model, from the cache or loaded with {@code loader} (once, even if other threads ask at the same time).
     *
     * @throws ModelLoadException if the loader failed, or the wait was interrupted (the interrupt is kept)
     * @throws ModelArtifactException if the artifact was refused (too large, wrong size or checksum, unsupported,
     *     corrupt)
     */
    public TrainedModel get(ModelRef ref, ArtifactLoader loader) {
        CompletableFuture<TrainedModel> future = cache.get(ref, NEW_LOAD);
        if (future instanceof PendingLoad pending && pending.claim()) {
            try {
                pending.complete(load(ref, loader));
            } catch (RuntimeException | Error e) {
                pending.completeExceptionally(e);
            }
        }
        return await(ref, future);
    }

    /**
     * Loads models ahead of use (the production models at start-up), one after the other. Never throws for a model
     * that cannot be loaded: it is logged and reported, and the others are still loaded.
     */
    public WarmUpReport warmUp(Collection<ModelRef> refs, ArtifactLoader loader) {
        var loaded = new ArrayList<ModelRef>();
        var failed = new ArrayList<WarmUpReport.Failure>();
        for (ModelRef ref : refs) {
            if (Thread.currentThread().isInterrupted()) {
                failed.add(new WarmUpReport.Failure(
                        ref, new ModelLoadException("warm-up interrupted", new InterruptedException())));
                continue;
            }
            try {
                get(ref, loader);
                loaded.add(ref);
            } catch (ModelLoadException | ModelArtifactException e) {
                LOG.warn(
                        "warm-up: model {} (sha256 {}) not loaded: {}",
                        ref.modelId(),
                        ref.sha256Hex(),
                        e.toString(),
                        e);
                failed.add(new WarmUpReport.Failure(ref, e));
            }
        }
        if (failed.isEmpty()) {
            LOG.info("warm-up: all {} models loaded", loaded.size());
        } else {
            LOG.warn(
                    "warm-up: {} of {} models loaded; failed: {}",
                    loaded.size(),
                    refs.size(),
                    failed.stream().map(f -> f.ref().modelId()).toList());
        }
        return new WarmUpReport(loaded, failed);
    }

    /**
     * Drops every cached version of a model (for instance when the registry retires it).
     *
     * @return how many entries were dropped
     */
    public int invalidate(String modelId) {
        ConcurrentMap<ModelRef, CompletableFuture<TrainedModel>> map = cache.asMap();
        int removed = 0;
        for (ModelRef ref : List.copyOf(map.keySet())) {
            if (ref.modelId().equals(modelId) && map.remove(ref) != null) {
                removed++;
            }
        }
        return removed;
    }

    /** Hits, misses, loads, evictions and size, for metrics. */
    public ModelCacheStats stats() {
        CacheStats stats = cache.synchronous().stats();
        return new ModelCacheStats(
                stats.hitCount(),
                stats.missCount(),
                stats.loadCount(),
                stats.loadFailureCount(),
                stats.evictionCount(),
                cache.synchronous().estimatedSize());
    }

    /** The settings the cache was built with. */
    public ModelCacheSettings settings() {
        return settings;
    }

    private TrainedModel load(ModelRef ref, ArtifactLoader loader) {
        if (ref.sizeBytes() > settings.maxArtifactBytes()) {
            throw new ArtifactTooLargeException(
                    "artifact of model " + ref.modelId() + " (registered size)",
                    ref.sizeBytes(),
                    settings.maxArtifactBytes());
        }
        byte[] bytes;
        try {
            bytes = loader.load(ref);
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException(
                    "cannot fetch the artifact of model " + ref.modelId() + " (sha256 " + ref.sha256Hex() + ")", e);
        }
        if (bytes.length != ref.sizeBytes()) {
            throw new CorruptArtifactException("artifact of model " + ref.modelId() + " is " + bytes.length
                    + " bytes, the registry recorded " + ref.sizeBytes());
        }
        TrainedModel model = ModelArtifacts.read(bytes, ArtifactCheck.of(settings.maxArtifactBytes(), ref.sha256Hex()));
        LOG.info(
                "loaded model {} ({}, {} bytes, sha256 {})",
                ref.modelId(),
                model.kind(),
                bytes.length,
                ref.sha256Hex());
        return model;
    }

    private static TrainedModel await(ModelRef ref, CompletableFuture<TrainedModel> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelLoadException("interrupted while waiting for model " + ref.modelId(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new ModelLoadException("loading model " + ref.modelId() + " failed", e);
        }
    }

    /** A cache entry whose load has not started; the caller that claims it loads it. */
    private static final class PendingLoad extends CompletableFuture<TrainedModel> {

        private final AtomicBoolean claimed = new AtomicBoolean();

        boolean claim() {
            return claimed.compareAndSet(false, true);
        }
    }
}
