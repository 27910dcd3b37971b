package io.aihub.services.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.services.config.AihubProperties;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** While no instance can answer for a key, a request waits a bounded time for a state change, then gives up with 503. */
class InteractiveQueriesTest {

    @Test
    void shouldGiveUpWithRetryAfterWhenTheStreamIsNotStarted() {
        AihubProperties settings = settings(Map.of("aihub.query.unavailable-retry", "300ms"));
        var queries = new InteractiveQueries(new NotStarted(), settings);

        long started = System.nanoTime();
        assertThatThrownBy(() -> queries.route("aihub-readings", "t1:a1"))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("not known yet")
                .satisfies(e -> assertThat(((StoreUnavailableException) e).retryAfterSeconds())
                        .isEqualTo(1));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void shouldGiveUpOnLocalStoresWhenTheStreamIsNotStarted() {
        var queries =
                new InteractiveQueries(new NotStarted(), settings(Map.of("aihub.query.unavailable-retry", "50ms")));

        assertThatThrownBy(() -> queries.queryLocal(0, new String[] {"aihub-readings"}, stores -> stores.length))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("not started");
    }

    static AihubProperties settings(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("aihub", AihubProperties.class);
    }

    /** A runtime whose stream has not started: no owner is known, and nothing ever changes. */
    private static final class NotStarted implements StreamsRuntime {
        @Override
        public @Nullable KafkaStreams streams() {
            return null;
        }

        @Override
        public HostInfo self() {
            return new HostInfo("localhost", 8080);
        }

        @Override
        public long generation() {
            return 0;
        }

        @Override
        public void awaitChange(long seen, Duration timeout) throws InterruptedException {
            Thread.sleep(timeout);
        }
    }
}
