package io.aihub.services.stream;

import io.aihub.topology.TopicSpec;
import io.aihub.topology.Topics;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * One server-sent event stream of an output topic whose values have {@code tenant_id} and {@code asset_id} fields.
 *
 * @param eventName the name of its events ({@code anomaly}), also naming its metrics and threads
 * @param path its endpoint, {@code /ai/<name>/stream}
 * @param topic the topic it reads
 * @param data what is written as an event's JSON data
 */
public record FeedSpec<V extends SpecificRecord>(
        String eventName, String path, Function<Topics, TopicSpec<String, V>> topic, Function<V, Object> data) {}
