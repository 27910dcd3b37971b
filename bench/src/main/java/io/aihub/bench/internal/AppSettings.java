package io.aihub.bench.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** The settings an app instance of a harness run starts with. */
public final class AppSettings {

    private AppSettings() {}

    /**
     * The infrastructure's servers, the run's topic prefix and application id ({@code run}), and the instance's own
     * state directory; a blank processing guarantee or commit interval leaves the app's default.
     *
     * @param stateDirectory the name of the state directory under the infrastructure's directory
     * @return a mutable map, in this order, for the caller to add to
     */
    public static Map<String, Object> of(
            Infrastructure infrastructure,
            String run,
            int partitions,
            int threads,
            String stateDirectory,
            String processingGuarantee,
            String commitInterval) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("aihub.kafka.bootstrap-servers", infrastructure.bootstrapServers());
        settings.put("aihub.registry.url", infrastructure.registryUrl());
        settings.put("aihub.topics.prefix", run + "-");
        settings.put("aihub.topics.partitions", partitions);
        settings.put("aihub.streams.application-id", run);
        settings.put("aihub.streams.state-dir", infrastructure.directory(stateDirectory));
        settings.put("aihub.streams.threads", threads);
        // the Redis online store is off, so that the other harnesses measure what they always measured;
        // RedisBench turns it on
        settings.put("aihub.redis.url", "none");
        if (!processingGuarantee.isBlank()) {
            settings.put("aihub.streams.processing-guarantee", processingGuarantee);
        }
        if (!commitInterval.isBlank()) {
            settings.put("aihub.streams.commit-interval", commitInterval);
        }
        return settings;
    }
}
