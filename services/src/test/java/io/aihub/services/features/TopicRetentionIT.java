package io.aihub.services.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aihub.services.config.AihubProperties;
import io.aihub.services.standalone.EmbeddedKafka;
import io.aihub.topology.SerdeFactory;
import io.aihub.topology.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * A reading dated years ago must survive the broker's time-based retention until the stream reads it: the input
 * topics are stamped on arrival. A broker of its own checks retention every 200 ms; a topic with the broker's
 * defaults loses such a record at the first check (the control), ours keeps it. The feature topics keep event time as
 * record time: they keep an old vector only for {@code AIHUB_TOPICS_FEATURES_RETENTION}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopicRetentionIT {

    private EmbeddedKafka kafka;
    private Admin admin;

    @BeforeAll
    void start() {
        kafka = EmbeddedKafka.temporary()
                .withPartitions(1)
                .withConfig("log.retention.check.interval.ms", "200")
                .withConfig("log.initial.task.delay.ms", "0")
                .start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    @AfterAll
    void stop() {
        if (admin != null) {
            admin.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldKeepOldReadingsOnTheInputTopicsUntilTheirRetentionCountsFromArrival() throws Exception {
        // Given the product's topics, created as the app creates them, and a control topic with broker defaults
        Topics topics = createTopics("ret-", null);
        admin.createTopics(List.of(new NewTopic("control", 1, (short) 1))).all().get();

        // When a record stamped 2014 is written to each
        long old = Instant.parse("2014-04-01T00:00:00Z").toEpochMilli();
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (String topic :
                    List.of(topics.telemetry().name(), topics.weather().name(), "control")) {
                producer.send(new ProducerRecord<>(topic, 0, old, null, new byte[] {1}))
                        .get();
            }
        }

        // Then the control topic's record is deleted by retention within seconds (the broker does check) ...
        await().atMost(Duration.ofSeconds(60)).until(() -> logStart("control") == 1);
        // ... while the input topics keep theirs through many more checks
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> logStart(topics.telemetry().name()) == 0
                        && logStart(topics.weather().name()) == 0);
    }

    @Test
    void shouldKeepOldFeatureVectorsForTheConfiguredRetention() throws Exception {
        // Given the product's topics created with a features retention long enough for 2014, and once without
        Topics kept = createTopics("kept-", "5000d");
        Topics plain = createTopics("plain-", null);
        assertThat(retentionMs(kept.features().name()))
                .isEqualTo(Duration.ofDays(5000).toMillis());
        assertThat(retentionMs(kept.telemetry().name()))
                .isNotEqualTo(Duration.ofDays(5000).toMillis());

        // When a feature vector, an hourly and a daily aggregate stamped 2014 (their event time) are written to each
        long old = Instant.parse("2014-04-01T00:00:00Z").toEpochMilli();
        List<String> keptTopics = List.of(
                kept.features().name(),
                kept.featuresHourly().name(),
                kept.featuresDaily().name());
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (String topic : keptTopics) {
                producer.send(new ProducerRecord<>(topic, 0, old, null, new byte[] {1}))
                        .get();
            }
            producer.send(new ProducerRecord<>(plain.features().name(), 0, old, null, new byte[] {1}))
                    .get();
        }

        // Then without the setting the broker deletes the vector at a retention check, event time being record time
        await().atMost(Duration.ofSeconds(60))
                .until(() -> logStart(plain.features().name()) == 1);
        // ... and with it all three keep theirs through many more checks
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> keptTopics.stream().allMatch(topic -> logStartUnchecked(topic) == 0));
    }

    private Topics createTopics(String prefix, @Nullable String featuresRetention) {
        Map<String, String> values = new HashMap<>(Map.of(
                "aihub.kafka.bootstrap-servers",
                kafka.bootstrapServers(),
                "aihub.topics.prefix",
                prefix,
                "aihub.topics.partitions",
                "1"));
        if (featuresRetention != null) {
            values.put("aihub.topics.features-retention", featuresRetention);
        }
        AihubProperties settings =
                new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("aihub", AihubProperties.class);
        Topics topics = Topics.of(prefix, SerdeFactory.plainAvro());
        new TopicAdministrator(settings).ensureTopics(topics);
        return topics;
    }

    private long retentionMs(String topic) throws Exception {
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return Long.parseLong(admin.describeConfigs(List.of(resource))
                .all()
                .get()
                .get(resource)
                .get(TopicConfig.RETENTION_MS_CONFIG)
                .value());
    }

    private long logStartUnchecked(String topic) {
        try {
            return logStart(topic);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long logStart(String topic) throws Exception {
        var partition = new TopicPartition(topic, 0);
        return admin.listOffsets(Map.of(partition, OffsetSpec.earliest()))
                .partitionResult(partition)
                .get()
                .offset();
    }
}
