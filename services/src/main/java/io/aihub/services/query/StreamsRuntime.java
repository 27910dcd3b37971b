package io.aihub.services.query;

import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.jspecify.annotations.Nullable;

/** The running Kafka Streams instance and the host:port other instances reach this one at. */
public interface StreamsRuntime {

    /** The streams instance, or null before the web server has started it. */
    @Nullable
    KafkaStreams streams();

    /** This instance's {@code application.server}. */
    HostInfo self();

    /** A counter that moves on every state change of the streams instance (start, rebalance, restore done). */
    long generation();

    /**
     * Blocks until {@link #generation()} differs from {@code seen} or {@code timeout} passes; callers re-check
     * their condition after it returns.
     */
    void awaitChange(long seen, Duration timeout) throws InterruptedException;
}
