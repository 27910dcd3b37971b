package io.aihub.services.stream;

import java.time.Duration;

/**
 * How a server-sent event stream of a topic ({@link TopicFeed}) treats its clients.
 *
 * @param heartbeat how often an idle stream gets a comment line, so that proxies keep it open and dead clients are
 *     found
 * @param clientBuffer events queued for one client at most; a client that falls this far behind is disconnected
 *     (it may reconnect), the stream and the other clients go on
 * @param streamTimeout how long one response stays open; a client (an {@code EventSource}) then reconnects
 * @param pollTimeout the feed consumer's poll timeout
 * @param partitionRefresh how often the feed looks for partitions added to the topic
 */
public record FeedSettings(
        Duration heartbeat, int clientBuffer, Duration streamTimeout, Duration pollTimeout, Duration partitionRefresh) {

    public static final FeedSettings DEFAULTS = new FeedSettings(
            Duration.ofSeconds(15), 256, Duration.ofMinutes(30), Duration.ofMillis(500), Duration.ofMinutes(1));

    public FeedSettings {
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("heartbeat must be positive, was " + heartbeat);
        }
        if (clientBuffer < 1) {
            throw new IllegalArgumentException("clientBuffer must be at least 1, was " + clientBuffer);
        }
    }
}
