package io.aihub.topology.models;

/**
 * Counters of a {@link ModelCache} since it was built, for metrics.
 *
 * @param hits reads served from the cache (including waits on a load another caller started)
 * @param misses reads that started a load
 * @param loads loads finished, successful or not
 * @param loadFailures loads that failed (loader error or refused artifact)
 * @param evictions entries removed for size or expiry (not by {@link ModelCache#invalidate})
 * @param size entries held now (approximate)
 */
public record ModelCacheStats(long hits, long misses, long loads, long loadFailures, long evictions, long size) {}
