package io.aihub.topology.models.internal;

import java.util.HashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What a model's feature names must be: 1 to {@value #MAX_FEATURES} distinct, non-blank names of bounded length. */
public final class FeatureNameRules {

    /** The most features a model may have. */
    public static final int MAX_FEATURES = 1024;
    /** The longest feature name, in characters. */
    public static final int MAX_NAME_LENGTH = 256;

    private FeatureNameRules() {}

    /** What is wrong with the names, or null if nothing. */
    public static @Nullable String problem(List<String> names) {
        if (names.isEmpty() || names.size() > MAX_FEATURES) {
            return "a model needs 1 to " + MAX_FEATURES + " feature names, got " + names.size();
        }
        var seen = new HashSet<String>();
        for (String name : names) {
            if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
                return "feature names must be non-blank and at most " + MAX_NAME_LENGTH + " characters, got '" + name
                        + "'";
            }
            if (!seen.add(name)) {
                return "feature name '" + name + "' is repeated";
            }
        }
        return null;
    }

    /** The names as an immutable list, or an IllegalArgumentException saying what is wrong. */
    public static List<String> require(List<String> names) {
        List<String> copy = List.copyOf(names);
        String problem = problem(copy);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return copy;
    }

    /** Checks training rows: at least {@code minRows}, each as wide as the names, all values finite. */
    public static void requireRows(List<String> names, double[][] rows, int minRows) {
        if (rows.length < minRows) {
            throw new IllegalArgumentException("training needs at least " + minRows + " rows, got " + rows.length);
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != names.size()) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, expected "
                        + names.size() + " (one per feature " + names + ")");
            }
            for (double v : rows[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("row " + i + " holds a non-finite value " + v);
                }
            }
        }
    }
}
