package io.aihub.topology.features.internal;

import io.aihub.topology.features.FeatureNames;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An immutable map view of a computed row: every name of {@link FeatureNames#ALL} in that order, NaN shown as null.
 * Backed by the row's {@code double[]}: no hash nodes per record, values boxed only when read.
 */
public final class FeatureValues extends AbstractMap<String, @Nullable Double> {

    private static final String[] KEYS = FeatureNames.ALL.toArray(String[]::new);
    private static final Map<String, Integer> INDEX = index();

    private final double[] row;

    /** Takes ownership of {@code row} (length {@link Feature#COUNT}). */
    public FeatureValues(double[] row) {
        if (row.length != KEYS.length) {
            throw new IllegalArgumentException("row must hold " + KEYS.length + " features, held " + row.length);
        }
        this.row = row;
    }

    @Override
    public int size() {
        return KEYS.length;
    }

    @Override
    public boolean containsKey(@Nullable Object key) {
        return INDEX.containsKey(key);
    }

    @Override
    public @Nullable Double get(@Nullable Object key) {
        Integer i = INDEX.get(key);
        return i == null ? null : valueAt(i);
    }

    @Override
    public Set<Entry<String, @Nullable Double>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return KEYS.length;
            }

            @Override
            public Iterator<Entry<String, @Nullable Double>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < KEYS.length;
                    }

                    @Override
                    public Entry<String, @Nullable Double> next() {
                        if (next >= KEYS.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(KEYS[i], valueAt(i));
                    }
                };
            }
        };
    }

    private @Nullable Double valueAt(int i) {
        double v = row[i];
        return v != v ? null : v;
    }

    private static Map<String, Integer> index() {
        var index = new HashMap<String, Integer>();
        for (int i = 0; i < KEYS.length; i++) {
            index.put(KEYS[i], i);
        }
        return Map.copyOf(index);
    }
}
