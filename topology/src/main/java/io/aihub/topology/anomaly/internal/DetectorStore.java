package io.aihub.topology.anomaly.internal;

import io.aihub.topology.anomaly.detect.Detector;
import io.aihub.topology.anomaly.detect.DetectorStateException;
import io.aihub.topology.anomaly.detect.Detectors;
import io.aihub.topology.features.internal.StoreKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detectors' state store, write-behind: each series' detector is held deserialised in heap while in use and its
 * state is written to the persistent, changelogged store underneath when the task commits (Kafka Streams flushes
 * every store before it sends the changelog and commits the input offsets) or when it leaves the heap, not at every
 * reading. The committed state is therefore exactly the state after the committed input, as with a store written per
 * reading, for one serialisation and one changelog record per series and commit instead of one per reading.
 *
 * <p>Value layout: 8-byte timestamp of the last reading learnt, then the detector's state ({@code
 * Detector.toBytes()}).
 */
public final class DetectorStore extends WrappedStateStore<KeyValueStore<Bytes, byte[]>, Bytes, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(DetectorStore.class);

    private final int capacity;
    private final Map<Bytes, Held> held = new LinkedHashMap<>(1024, 0.75f, true);
    private final List<Bytes> dirty = new ArrayList<>();

    /** One series' detector and the timestamp of the last reading it learnt. */
    public static final class Held {
        private final Detector detector;
        private long last;
        private boolean changed;

        Held(Detector detector, long last) {
            this.detector = detector;
            this.last = last;
        }

        public Detector detector() {
            return detector;
        }

        public long last() {
            return last;
        }
    }

    DetectorStore(KeyValueStore<Bytes, byte[]> wrapped, int capacity) {
        super(wrapped);
        this.capacity = capacity;
    }

    /** A builder of the store {@code name}, holding at most {@code capacity} detectors per task in heap. */
    public static StoreBuilder<DetectorStore> builder(String name, int capacity) {
        return new Builder(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray()),
                capacity);
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        // a revived task has its store restored from the changelog: never reuse detectors held before
        held.clear();
        dirty.clear();
        super.init(context, root);
    }

    /**
     * The detector of {@code key}: the one in heap, else the stored one, else {@code fresh}'s (also when the stored
     * state cannot be read by this version, e.g. written by a newer one).
     */
    public Held detector(Bytes key, Supplier<Detector> fresh) {
        Held found = held.get(key);
        if (found != null) {
            return found;
        }
        Held loaded = stored(key);
        if (loaded == null) {
            loaded = new Held(fresh.get(), Long.MIN_VALUE);
        }
        held.put(key, loaded);
        if (held.size() > capacity) {
            var eldest = held.entrySet().iterator();
            var entry = eldest.next();
            eldest.remove();
            if (entry.getValue().changed) {
                write(entry.getKey(), entry.getValue());
            }
        }
        return loaded;
    }

    /** Records that {@code detector} (held under {@code key}) learnt the reading at {@code t}. */
    public void learnt(Bytes key, Held detector, long t) {
        detector.last = t;
        if (!detector.changed) {
            detector.changed = true;
            dirty.add(key);
        }
    }

    /** The state as stored underneath (what the changelog has after the next commit), or null. */
    public byte @Nullable [] storedBytes(Bytes key) {
        return wrapped().get(key);
    }

    @Override
    public void flushCache() {
        for (Bytes key : dirty) {
            Held changed = held.get(key);
            if (changed != null && changed.changed) {
                write(key, changed);
            }
        }
        dirty.clear();
        super.flushCache();
    }

    @Override
    public void close() {
        // a clean close has committed (flushed) first; a dirty one must not write what was not committed
        held.clear();
        dirty.clear();
        super.close();
    }

    private @Nullable Held stored(Bytes key) {
        byte[] stored = wrapped().get(key);
        if (stored == null || stored.length <= 8) {
            return null;
        }
        try {
            return new Held(
                    Detectors.fromBytes(Arrays.copyOfRange(stored, 8, stored.length)), StoreKeys.toLong(stored));
        } catch (DetectorStateException e) {
            log.warn("Cannot read a stored detector state, starting the series afresh: {}", e.getMessage());
            return null;
        }
    }

    private void write(Bytes key, Held detector) {
        byte[] state = detector.detector.toBytes();
        byte[] value = Arrays.copyOf(StoreKeys.longBytes(detector.last), 8 + state.length);
        System.arraycopy(state, 0, value, 8, state.length);
        wrapped().put(key, value);
        detector.changed = false;
    }

    private record Builder(StoreBuilder<KeyValueStore<Bytes, byte[]>> inner, int capacity)
            implements StoreBuilder<DetectorStore> {

        @Override
        public StoreBuilder<DetectorStore> withCachingEnabled() {
            // the heap copy is the cache: a record cache underneath would hold every state twice
            return this;
        }

        @Override
        public StoreBuilder<DetectorStore> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<DetectorStore> withLoggingEnabled(Map<String, String> config) {
            inner.withLoggingEnabled(config);
            return this;
        }

        @Override
        public StoreBuilder<DetectorStore> withLoggingDisabled() {
            inner.withLoggingDisabled();
            return this;
        }

        @Override
        public DetectorStore build() {
            return new DetectorStore(inner.build(), capacity);
        }

        @Override
        public Map<String, String> logConfig() {
            return inner.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return inner.loggingEnabled();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}
