package io.aihub.topology.registry;

import static io.aihub.topology.registry.RegistryCommands.commit;
import static io.aihub.topology.registry.RegistryCommands.promote;
import static io.aihub.topology.registry.RegistryCommands.reserve;
import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.schemas.ModelFamily;
import io.aihub.schemas.ModelStage;
import io.aihub.schemas.ModelVersion;
import io.aihub.schemas.RegistryCommand;
import io.aihub.schemas.RegistryReply;
import io.aihub.topology.SerdeFactory;
import io.aihub.topology.Topics;
import io.aihub.topology.features.FeatureStores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModelRegistryTopologyTest {

    private final Topics topics = Topics.of("", SerdeFactory.plainAvro());
    private final List<String> changes = new ArrayList<>();
    private final List<RegistryReply> replies = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, RegistryCommand> commands;
    private TestOutputTopic<String, ModelFamily> registry;

    @BeforeEach
    void start() {
        var listener = new RegistryListener() {
            @Override
            public void familyChanged(String familyKey, @Nullable ModelFamily family) {
                changes.add(familyKey + "@" + (family == null ? "deleted" : family.getRevision()));
            }

            @Override
            public void replied(RegistryReply reply) {
                replies.add(reply);
            }
        };
        Topology topology = ModelRegistryTopology.addTo(new Topology(), topics, listener);
        var props = new Properties();
        props.putAll(FeatureStores.streamsConfigDefaults(topics));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "registry-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(topology, props, Instant.ofEpochMilli(1_000_000));
        commands = driver.createInputTopic(
                topics.registryCommands().name(),
                topics.registryCommands().keySerde().serializer(),
                topics.registryCommands().valueSerde().serializer());
        registry = driver.createOutputTopic(
                topics.modelRegistry().name(),
                topics.modelRegistry().keySerde().deserializer(),
                topics.modelRegistry().valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void send(RegistryCommand command) {
        commands.pipeInput(command.getTenantId() + ":" + command.getModelName(), command);
    }

    @Test
    void shouldWriteEachAcceptedChangeAsOneRecordAndShowItInTheGlobalStore() {
        var first = reserve("v1.0.0", Long.MAX_VALUE);
        send(first);
        send(commit(first, ModelStage.production));
        var second = reserve("v1.1.0", Long.MAX_VALUE);
        send(second);
        send(commit(second, ModelStage.staging));
        send(promote("v1.1.0", ModelStage.production));

        var records = registry.readValuesToList();
        assertThat(records).extracting(ModelFamily::getRevision).containsExactly(1L, 2L, 3L);
        var last = records.getLast();
        assertThat(last.getVersions())
                .extracting(ModelVersion::getStage)
                .containsExactly(ModelStage.archived, ModelStage.production);

        ModelFamily global = driver.<String, ModelFamily>getKeyValueStore(ModelRegistryStores.REGISTRY)
                .get("tenant-1:forecast-gbm");
        assertThat(global).isEqualTo(last);
        assertThat(changes)
                .containsExactly("tenant-1:forecast-gbm@1", "tenant-1:forecast-gbm@2", "tenant-1:forecast-gbm@3");
        assertThat(replies).extracting(RegistryReply::getStatus).containsExactly(200, 201, 200, 201, 200);
    }

    @Test
    void shouldPublishATombstoneWhenTheLastVersionIsDeleted() {
        var first = reserve("v1.0.0", Long.MAX_VALUE);
        send(first);
        send(commit(first, ModelStage.staging));
        send(RegistryCommands.delete("v1.0.0", false));

        var records = registry.readKeyValuesToList();
        assertThat(records).hasSize(2);
        assertThat(records.getLast().value).isNull();
        assertThat(driver.<String, ModelFamily>getKeyValueStore(ModelRegistryStores.REGISTRY)
                        .get("tenant-1:forecast-gbm"))
                .isNull();
        assertThat(changes).containsExactly("tenant-1:forecast-gbm@1", "tenant-1:forecast-gbm@deleted");
    }

    @Test
    void shouldAnswerARefusedCommandWithoutARegistryRecord() {
        send(promote("v1.0.0", ModelStage.production));

        assertThat(registry.isEmpty()).isTrue();
        assertThat(replies).singleElement().satisfies(reply -> {
            assertThat(reply.getStatus()).isEqualTo(404);
            assertThat(reply.getMessage()).contains("tenant-1:forecast-gbm:v1.0.0");
        });
    }
}
