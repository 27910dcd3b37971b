package io.aihub.services.registry;

import io.aihub.schemas.RegistryCommand;
import io.aihub.services.config.AihubProperties;
import io.aihub.services.query.StoreUnavailableException;
import io.aihub.topology.Topics;
import io.aihub.topology.registry.ModelId;
import java.time.Duration;
import java.util.HashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/** Writes registry commands to {@code model-registry-commands}, keyed by model name so one task orders them. */
@Component
class RegistryCommandSender implements DisposableBean {

    private final KafkaProducer<String, RegistryCommand> producer;
    private final String topic;
    private final Duration timeout;

    RegistryCommandSender(AihubProperties settings, Topics topics) {
        var config = new HashMap<String, Object>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafka().bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, settings.streams().applicationId() + "-registry-commands");
        this.timeout = settings.models().commandTimeout();
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        this.producer = new KafkaProducer<>(
                config,
                new StringSerializer(),
                topics.registryCommands().valueSerde().serializer());
        this.topic = topics.registryCommands().name();
    }

    /** Sends {@code command} and waits for the broker's acknowledgement. */
    void send(RegistryCommand command) {
        String key = ModelId.familyKey(command.getTenantId(), command.getModelName());
        try {
            producer.send(new ProducerRecord<>(topic, key, command)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new StoreUnavailableException(
                    "Registry unavailable", "cannot write the registry command to Kafka: " + e.getMessage(), 5, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("Registry unavailable", "interrupted while writing", 5, e);
        }
    }

    @Override
    public void destroy() {
        producer.close(Duration.ofSeconds(5));
    }
}
