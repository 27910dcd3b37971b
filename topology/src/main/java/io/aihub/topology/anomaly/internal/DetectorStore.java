package io.aihub.topology.anomaly.internal;

import io.aihub.topology.anomaly.detect.Detector;
import io.aihub.topology.anomaly.detect.DetectorStateException;
import io.aihub.topology.anomaly.detect.Detectors;
import io.aihub.topology.features.internal.StoreKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
 * The detectors' state store, write-behind with checkpoints: each series' detector is held deserialised in heap while in
 * use, and its state is written to the persistent, changelogged store underneath at a checkpoint, not at every reading
 * and not at every commit. Writing some 10,000 detectors of 4 KB each at every commit stopped the stream thread for
 * half a second per commit (serialisation, RocksDB, 40 MB to the changelog); instead, a wall-clock tick of the
 * processor ({@link #checkpoint()}, every {@link DetectorProcessor#CHECKPOINT_TICK}) writes the detectors changed
 * longest ago, a {@code 1/ticks} share of those changed at each tick, so each changed detector is written about once
 * every {@code ticks} ticks (a minute) and the work is spread evenly. A new detector is not written whole: when it is
 * created, an 8-byte birth record (the time before its first reading) is written in its place, so that a series whose
 * detector was never checkpointed still has a stored starting point (10,000 new series no longer cost a 4 KB write
 * each at the next commit: 0.2-0.4 s of the stream thread in {@code ./aihub bench ingest}). A detector that leaves the
 * heap (capacity) is written as it leaves; nothing is written on close.
 *
 * <p>The stored state may therefore be older than the committed input, never newer than what was processed: on a
 * restart or a move to another instance a detector read from the store (a state, or a birth record for a fresh one)
 * is {@linkplain Held#caughtUp() not caught up}, and its processor first has it learn, in time order, the series'
 * readings after its {@linkplain Held#last() last} one from the feature processor's readings store (restored exactly
 * from its changelog), then scores as if it had never stopped. Re-delivered readings at or before the last one learnt
 * are skipped as duplicates.
 *
 * <p>Value layout: 8-byte timestamp of the last reading learnt, then the detector's state ({@code
 * Detector.toBytes()}); a birth record has no state.
 */
public final class DetectorStore extends WrappedStateStore<KeyValueStore<Bytes, byte[]>, Bytes, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(DetectorStore.class);

    private final int capacity;
    private final int ticks;
    private final Map<Bytes, Held> held = new LinkedHashMap<>(1024, 0.75f, true);
    /** The changed detectors, in the order they changed since they were last written (oldest first). */
    private final Map<Bytes, Held> dirty = new LinkedHashMap<>();

    /** One series' detector and the timestamp of the last reading it learnt. */
    public static final class Held {
        private final Detector detector;
        private long last;
        /** Whether it is in {@code dirty}: kept here so that a reading's {@link #learnt} needs no map lookup. */
        private boolean changed;

        private boolean caughtUp;

        Held(Detector detector, long last, boolean caughtUp) {
            this.detector = detector;
            this.last = last;
            this.caughtUp = caughtUp;
        }

        public Detector detector() {
            return detector;
        }

        public long last() {
            return last;
        }

        /**
         * False for a detector just read from the store, until its processor has had it learn the readings it missed
         * since its state was written ({@link DetectorStore#caughtUp}); true for a new one.
         */
        public boolean caughtUp() {
            return caughtUp;
        }
    }

    /**
     * A store holding at most {@code capacity} detectors in heap, writing each changed one about once every
     * {@code ticks} calls of {@link #checkpoint()}.
     */
    DetectorStore(KeyValueStore<Bytes, byte[]> wrapped, int capacity, int ticks) {
        super(wrapped);
        if (capacity < 1 || ticks < 1) {
            throw new IllegalArgumentException("capacity and ticks must be >= 1");
        }
        this.capacity = capacity;
        this.ticks = ticks;
    }

    /**
     * A builder of the store {@code name}, holding at most {@code capacity} detectors per task in heap and writing each
     * changed one about once every {@code ticks} checkpoint ticks.
     */
    public static StoreBuilder<DetectorStore> builder(String name, int capacity, int ticks) {
        return new Builder(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray()),
                capacity,
                ticks);
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        // a revived task has its store restored from the changelog: never reuse detectors held before
        forget();
        super.init(context, root);
    }

    /**
     * The detector of {@code key}: the one in heap, else the stored one (not caught up; fresh from {@code fresh} if only
     * its birth record is stored), else a new one from {@code fresh}, whose birth record says it learns nothing before
     * {@code t} (also when the stored state cannot be read by this version, e.g. written by a newer one).
     */
    public Held detector(Bytes key, Supplier<Detector> fresh, long t) {
        Held found = held.get(key);
        if (found != null) {
            return found;
        }
        Held loaded = stored(key, fresh);
        if (loaded == null) {
            loaded = new Held(fresh.get(), t - 1, true);
            wrapped().put(key, StoreKeys.longBytes(loaded.last));
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
            dirty.put(key, detector);
        }
    }

    /** Records that {@code detector} has learnt the readings it missed while it was only stored. */
    public void caughtUp(Held detector) {
        detector.caughtUp = true;
    }

    /**
     * Writes the detectors changed longest ago: {@code ceil(changed / ticks)} of them, so that at a steady rate each
     * changed detector is written about {@code ticks} calls after it changed. Returns how many were written.
     */
    public int checkpoint() {
        int due = (dirty.size() + ticks - 1) / ticks;
        var oldest = new ArrayList<Map.Entry<Bytes, Held>>(due);
        for (var entry : dirty.entrySet()) {
            if (oldest.size() == due) {
                break;
            }
            oldest.add(entry);
        }
        for (var entry : oldest) {
            write(entry.getKey(), entry.getValue());
        }
        return oldest.size();
    }

    /** The number of detectors changed since they were last written. */
    public int changed() {
        return dirty.size();
    }

    /** The state as stored underneath (what the changelog has after the next commit), or null. */
    public byte @Nullable [] storedBytes(Bytes key) {
        return wrapped().get(key);
    }

    @Override
    public void close() {
        // nothing is written on close: a detector stored earlier catches up from the readings when next read
        forget();
        super.close();
    }

    private void forget() {
        held.clear();
        dirty.clear();
    }

    private @Nullable Held stored(Bytes key, Supplier<Detector> fresh) {
        byte[] stored = wrapped().get(key);
        if (stored == null || stored.length < 8) {
            return null;
        }
        long last = StoreKeys.toLong(stored);
        if (stored.length == 8) {
            return new Held(fresh.get(), last, false);
        }
        try {
            return new Held(Detectors.fromBytes(Arrays.copyOfRange(stored, 8, stored.length)), last, false);
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
        dirty.remove(key);
    }

    private record Builder(StoreBuilder<KeyValueStore<Bytes, byte[]>> inner, int capacity, int ticks)
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
            return new DetectorStore(inner.build(), capacity, ticks);
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
