package io.aihub.services.stream;

import io.aihub.services.anomaly.StreamedAnomaly;
import io.aihub.services.config.AihubProperties;
import io.aihub.services.forecast.StreamedForecast;
import io.aihub.topology.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The instance's feeds of server-sent event streams, one per output topic streamed ({@code /ai/anomalies/stream},
 * {@code /ai/forecasts/stream}), started last and stopped first among the lifecycle beans (see {@link TopicFeed}).
 */
@Component
class TopicFeeds implements SmartLifecycle {

    private static final List<FeedSpec<?>> STREAMED = List.of(StreamedAnomaly.FEED, StreamedForecast.FEED);

    private final Map<String, TopicFeed<?>> byPath = new LinkedHashMap<>();
    private volatile boolean running;

    TopicFeeds(AihubProperties settings, Topics topics, JsonMapper json, MeterRegistry meters) {
        for (FeedSpec<?> spec : STREAMED) {
            byPath.put(spec.path(), feed(spec, settings, topics, json, meters));
        }
    }

    private static <V extends SpecificRecord> TopicFeed<V> feed(
            FeedSpec<V> spec, AihubProperties settings, Topics topics, JsonMapper json, MeterRegistry meters) {
        return new TopicFeed<>(spec, spec.topic().apply(topics), settings, json, meters);
    }

    /** The feed of this endpoint, or null. */
    @Nullable
    TopicFeed<?> at(String path) {
        return byPath.get(path);
    }

    List<String> paths() {
        return List.copyOf(byPath.keySet());
    }

    @Override
    public void start() {
        running = true;
        byPath.values().forEach(TopicFeed::start);
    }

    @Override
    public void stop() {
        running = false;
        byPath.values().forEach(TopicFeed::stop);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
