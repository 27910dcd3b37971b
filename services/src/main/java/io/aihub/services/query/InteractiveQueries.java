package io.aihub.services.query;

import io.aihub.services.config.AihubProperties;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Finds the instance that owns a key ({@code queryMetadataForKey}) and opens that instance's stores locally.
 * While the owner is unknown or its store is not queryable (start-up, rebalance, restore) it retries for a
 * short, bounded time, waking on the next state change of the streams instance (no sleep loop), then gives up
 * with {@link StoreUnavailableException} (503 + Retry-After).
 */
@Component
public class InteractiveQueries {

    private final StreamsRuntime runtime;
    private final Duration retryFor;

    public InteractiveQueries(StreamsRuntime runtime, AihubProperties settings) {
        this.runtime = runtime;
        this.retryFor = settings.query().unavailableRetry();
    }

    /** The route to the active owner of {@code partitionKey}'s partition of {@code storeName}. */
    public Route route(String storeName, String partitionKey) {
        long deadline = System.nanoTime() + retryFor.toNanos();
        while (true) {
            long seen = runtime.generation();
            KafkaStreams streams = runtime.streams();
            if (streams != null && queryable(streams.state())) {
                KeyQueryMetadata metadata = streams.queryMetadataForKey(
                        storeName, partitionKey, Serdes.String().serializer());
                if (metadata != null && !KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
                    return metadata.activeHost().equals(runtime.self())
                            ? new Route.Local(metadata.partition())
                            : new Route.Remote(metadata.activeHost(), metadata.partition());
                }
            }
            backOffOrGiveUp(
                    seen,
                    deadline,
                    "the owner of this key is not known yet (streams state "
                            + (streams == null ? "NOT_STARTED" : streams.state()) + ")",
                    null);
        }
    }

    /**
     * Opens the given stores of one local partition and applies {@code query} to them, retrying briefly while
     * the stores migrate.
     */
    public <R> R queryLocal(
            int partition, String[] storeNames, Function<ReadOnlyKeyValueStore<Bytes, byte[]>[], R> query) {
        return openAndApply(partition, storeNames, query);
    }

    /**
     * Opens the given stores over every partition active on this instance and applies {@code query} to them (a
     * scatter-gather's local part), retrying briefly while the stream starts or the stores migrate.
     */
    public <R> R queryAllLocal(String[] storeNames, Function<ReadOnlyKeyValueStore<Bytes, byte[]>[], R> query) {
        return openAndApply(null, storeNames, query);
    }

    private <R> R openAndApply(
            @Nullable Integer partition,
            String[] storeNames,
            Function<ReadOnlyKeyValueStore<Bytes, byte[]>[], R> query) {
        long deadline = System.nanoTime() + retryFor.toNanos();
        while (true) {
            long seen = runtime.generation();
            KafkaStreams streams = runtime.streams();
            if (streams == null) {
                backOffOrGiveUp(seen, deadline, "the stream is not started yet", null);
                continue;
            }
            if (partition == null && !queryable(streams.state())) {
                backOffOrGiveUp(seen, deadline, "the stream is not running yet (state " + streams.state() + ")", null);
                continue;
            }
            try {
                @SuppressWarnings("unchecked")
                ReadOnlyKeyValueStore<Bytes, byte[]>[] stores = new ReadOnlyKeyValueStore[storeNames.length];
                for (int i = 0; i < storeNames.length; i++) {
                    var parameters = StoreQueryParameters.fromNameAndType(
                            storeNames[i], QueryableStoreTypes.<Bytes, byte[]>keyValueStore());
                    stores[i] = streams.store(partition == null ? parameters : parameters.withPartition(partition));
                }
                return query.apply(stores);
            } catch (InvalidStateStoreException e) {
                String which = partition == null ? "local stores are" : "partition " + partition + " is";
                backOffOrGiveUp(seen, deadline, which + " migrating: " + e.getMessage(), e);
            }
        }
    }

    /** The other instances of the application that host {@code storeName} (for a scatter-gather). */
    public List<HostInfo> otherHosts(String storeName) {
        KafkaStreams streams = runtime.streams();
        if (streams == null) {
            throw new StoreUnavailableException("the stream is not started yet", 1);
        }
        return streams.streamsMetadataForStore(storeName).stream()
                .map(StreamsMetadata::hostInfo)
                .filter(host -> !host.equals(runtime.self()))
                .distinct()
                .toList();
    }

    /**
     * Applies {@code query} to this instance's copy of global store {@code storeName}, retrying briefly while the
     * stream starts (a global store is complete on every instance once the stream runs).
     */
    public <K, V, R> R queryGlobal(String storeName, Function<ReadOnlyKeyValueStore<K, V>, R> query) {
        long deadline = System.nanoTime() + retryFor.toNanos();
        while (true) {
            long seen = runtime.generation();
            KafkaStreams streams = runtime.streams();
            if (streams == null || !queryable(streams.state())) {
                backOffOrGiveUp(
                        seen,
                        deadline,
                        "the stream is not running yet (state " + (streams == null ? "NOT_STARTED" : streams.state())
                                + ")",
                        null);
                continue;
            }
            try {
                return query.apply(streams.store(
                        StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.<K, V>keyValueStore())));
            } catch (InvalidStateStoreException e) {
                backOffOrGiveUp(seen, deadline, storeName + " is not queryable: " + e.getMessage(), e);
            }
        }
    }

    private static boolean queryable(KafkaStreams.State state) {
        return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
    }

    private void backOffOrGiveUp(long seen, long deadline, String why, @Nullable InvalidStateStoreException cause) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw cause == null ? new StoreUnavailableException(why, 1) : new StoreUnavailableException(why, 1, cause);
        }
        try {
            runtime.awaitChange(seen, Duration.ofNanos(left));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting: " + why, 1, e);
        }
    }
}
