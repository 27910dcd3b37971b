package io.aihub.bench.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * What a harness prints when feature vectors are missing: whether the input is still waiting (the application's
 * group lags on a partition) or was consumed without its vectors coming out, and what each instance's stream
 * threads are doing.
 */
public final class StallReport {

    private StallReport() {}

    /** Prints the report to stderr; never throws (a failing diagnosis must not hide the failure it diagnoses). */
    public static void print(
            String bootstrapServers, String applicationId, String featuresTopic, List<AppInstance> instances) {
        try {
            printLag(bootstrapServers, applicationId, featuresTopic);
        } catch (RuntimeException | ExecutionException e) {
            Console.progress("diagnosis: could not read the group's offsets: %s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        for (AppInstance instance : instances) {
            printInstance(instance);
        }
    }

    private static void printLag(String bootstrapServers, String applicationId, String featuresTopic)
            throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata()
                    .get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            var lagging = new TreeMap<String, Long>();
            committed.forEach((partition, offset) -> {
                long lag = ends.get(partition).offset() - (offset == null ? 0 : offset.offset());
                if (lag > 0) {
                    lagging.put(partition.toString(), lag);
                }
            });
            Console.progress(
                    "diagnosis: group %s, %d partitions committed, lag (end - committed) where not 0: %s",
                    applicationId, committed.size(), lagging);
            // the run's own topic: its end offsets, summed, are the vectors written (duplicates included), to set
            // against what the harness's consumer counted; the log-start offsets, summed, are those the broker has
            // deleted since (retention counts from the vectors' record time, their event time)
            var partitions = admin
                    .describeTopics(List.of(featuresTopic))
                    .allTopicNames()
                    .get()
                    .get(featuresTopic)
                    .partitions()
                    .stream()
                    .map(p -> new TopicPartition(featuresTopic, p.partition()))
                    .toList();
            long written = summedOffsets(admin, partitions, OffsetSpec.latest());
            long deleted = summedOffsets(admin, partitions, OffsetSpec.earliest());
            Console.progress(
                    "diagnosis: %s holds %d records (end offsets summed), %d of them deleted since (log-start offsets"
                            + " summed)",
                    featuresTopic, written, deleted);
        }
    }

    private static long summedOffsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        partitions.forEach(partition -> specs.put(partition, spec));
        return admin.listOffsets(specs).all().get().values().stream()
                .mapToLong(ListOffsetsResultInfo::offset)
                .sum();
    }

    private static void printInstance(AppInstance instance) {
        KafkaStreams streams = instance.streams();
        if (streams == null) {
            Console.progress("diagnosis: instance on port %d: Kafka Streams not started", instance.port());
            return;
        }
        Console.progress("diagnosis: instance on port %d: %s", instance.port(), streams.state());
        var threadNames = new HashSet<String>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            threadNames.add(thread.threadName());
            Console.progress(
                    "diagnosis:   %s %s, active tasks %s",
                    thread.threadName(),
                    thread.threadState(),
                    thread.activeTasks().stream()
                            .map(task -> task.taskId().toString())
                            .toList());
        }
        var tasks = new TreeMap<String, String>();
        streams.metrics().forEach((name, metric) -> {
            if (name.group().equals("stream-task-metrics")
                    && (name.name().equals("process-total") || name.name().equals("dropped-records-total"))) {
                tasks.merge(
                        name.tags().get("task-id"), name.name() + "=" + metric.metricValue(), (a, b) -> a + " " + b);
            }
        });
        Console.progress("diagnosis:   tasks %s", tasks);
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (threadNames.contains(thread.getName())) {
                var text = new StringBuilder();
                for (int i = 0; i < Math.min(stack.length, 25); i++) {
                    text.append("\n      at ").append(stack[i]);
                }
                Console.progress("diagnosis:   %s (%s):%s", thread.getName(), thread.getState(), text);
            }
        });
    }
}
