package io.aihub.services.features;

import io.aihub.services.config.AihubProperties;
import io.aihub.topology.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Creates the application's topics when they are missing (if allowed) and checks that the input topics are
 * co-partitioned, since weather, assets, work orders and alarms are joined to telemetry per partition.
 */
@Component
class TopicAdministrator {

    private static final Logger log = LoggerFactory.getLogger(TopicAdministrator.class);

    private final AihubProperties settings;

    TopicAdministrator(AihubProperties settings) {
        this.settings = settings;
    }

    void ensureTopics(Topics topics) {
        var topicSettings = settings.topics();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafka().bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            Set<String> featureTopics = Set.of(
                    topics.features().name(),
                    topics.featuresHourly().name(),
                    topics.featuresDaily().name());
            Duration featuresRetention = topicSettings.featuresRetention();
            List<NewTopic> missing = new ArrayList<>();
            for (var topic : topics.all()) {
                if (!existing.contains(topic.name())) {
                    var configs = new HashMap<String, String>(topic.configs());
                    configs.put(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, Long.toString(Long.MAX_VALUE));
                    if (featuresRetention != null && featureTopics.contains(topic.name())) {
                        configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(featuresRetention.toMillis()));
                    }
                    missing.add(
                            new NewTopic(topic.name(), topicSettings.partitions(), topicSettings.replicationFactor())
                                    .configs(configs));
                }
            }
            if (!missing.isEmpty()) {
                if (!topicSettings.create()) {
                    throw new IllegalStateException("Topics missing and AIHUB_TOPICS_CREATE=false: "
                            + missing.stream().map(NewTopic::name).toList());
                }
                createIgnoringRaces(admin, missing);
                log.info(
                        "Created topics {}",
                        missing.stream().map(NewTopic::name).toList());
            }
            List<String> joined = List.of(
                    topics.weather().name(),
                    topics.assets().name(),
                    topics.workOrders().name(),
                    topics.alarms().name());
            var names = new java.util.ArrayList<String>(joined);
            names.add(topics.telemetry().name());
            Map<String, TopicDescription> inputs = describeOnceKnown(admin, names);
            int telemetry = inputs.get(topics.telemetry().name()).partitions().size();
            for (String name : joined) {
                int partitions = inputs.get(name).partitions().size();
                if (telemetry != partitions) {
                    throw new IllegalStateException(
                            "Topics " + topics.telemetry().name() + " (" + telemetry
                                    + " partitions) and " + name + " (" + partitions
                                    + " partitions) must have the same number of partitions: they are joined per partition");
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "Cannot reach Kafka at " + settings.kafka().bootstrapServers() + " to check topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking topics", e);
        }
    }

    /**
     * Describes topics, waiting (at most 30 s, at start-up) while a broker does not know topics created a moment
     * ago: topic metadata reaches the brokers asynchronously after creation.
     */
    private static Map<String, TopicDescription> describeOnceKnown(Admin admin, List<String> names)
            throws InterruptedException, TimeoutException, ExecutionException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    private static void createIgnoringRaces(Admin admin, List<NewTopic> missing)
            throws InterruptedException, TimeoutException, ExecutionException {
        for (var created : admin.createTopics(missing).values().values()) {
            try {
                created.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }
}
