package io.aihub.services.ingest;

import io.aihub.services.config.AihubProperties;
import io.aihub.services.query.StoreUnavailableException;
import io.aihub.topology.TopicSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * One idempotent producer for the ingest endpoints. Values are serialised with the topic's serde (Avro through
 * the registry) before sending, so one producer serves every topic.
 */
@Component
class IngestProducer implements DisposableBean {

    private final KafkaProducer<byte[], byte[]> producer;
    private final long sendTimeoutMillis;

    IngestProducer(AihubProperties settings) {
        this.sendTimeoutMillis = settings.ingest().sendTimeout().toMillis();
        this.producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        settings.kafka().bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.LINGER_MS_CONFIG,
                        2,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        (int) Math.max(sendTimeoutMillis, 5_000),
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        (int) Math.min(Math.max(sendTimeoutMillis, 5_000) / 2, 30_000),
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "aihub-ingest"),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    /**
     * Sends every value keyed by {@code key} with record time {@code eventTime}, and returns once all are
     * acknowledged. A failure answers 503: the caller re-sends the whole array, which is safe because a reading
     * with the same series and timestamp replaces itself.
     */
    <V> void sendAll(TopicSpec<String, V> topic, List<V> values, Function<V, String> key, ToLongFunction<V> eventTime) {
        var keySerializer = topic.keySerde().serializer();
        var valueSerializer = topic.valueSerde().serializer();
        List<Future<RecordMetadata>> sent = new ArrayList<>(values.size());
        for (V value : values) {
            sent.add(producer.send(new ProducerRecord<>(
                    topic.name(),
                    null,
                    eventTime.applyAsLong(value),
                    keySerializer.serialize(topic.name(), key.apply(value)),
                    valueSerializer.serialize(topic.name(), value))));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(sendTimeoutMillis);
        try {
            for (Future<RecordMetadata> future : sent) {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new StoreUnavailableException(
                    "Kafka unavailable", "Kafka did not acknowledge the records; re-send the whole array", 5, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException(
                    "Kafka unavailable", "interrupted while sending; re-send the whole array", 5, e);
        }
    }

    @Override
    public void destroy() {
        producer.close();
    }
}
