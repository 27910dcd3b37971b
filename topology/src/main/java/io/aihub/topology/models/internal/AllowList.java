package io.aihub.topology.models.internal;

import java.util.Set;

/**
 * The classes a Java-serialised payload may hold: whole packages (their classes and nested classes, not
 * sub-packages) and single classes. Arrays are judged by their element type; primitive arrays are always allowed.
 * Also the limits on the object graph.
 *
 * @param name what the list is for, for messages
 * @param packages packages whose classes are allowed, e.g. {@code smile.anomaly}
 * @param classes single classes allowed, by binary name, e.g. {@code java.util.ArrayList}
 * @param maxDepth the deepest nesting of objects
 * @param maxReferences the most objects and back-references
 * @param maxArrayLength the longest array
 */
public record AllowList(
        String name, Set<String> packages, Set<String> classes, int maxDepth, long maxReferences, int maxArrayLength) {

    /** Nesting of the deepest tree the product trains (depth 20 for gradient boosting), with room to spare. */
    public static final int MAX_DEPTH = 256;
    /** Objects of a large forest (1000 trees of 511 nodes, 3 objects each), with room to spare. */
    public static final long MAX_REFERENCES = 5_000_000;
    /** Arrays of trees and of per-feature coefficients. */
    public static final int MAX_ARRAY_LENGTH = 1_000_000;

    /** {@code smile.anomaly.IsolationForest}: its trees, their nodes and {@code double[]}. */
    public static final AllowList ISOLATION_FOREST = new AllowList(
            "isolation_forest", Set.of("smile.anomaly"), Set.of(), MAX_DEPTH, MAX_REFERENCES, MAX_ARRAY_LENGTH);

    /**
     * {@code smile.regression.GradientTreeBoost}: its regression trees and nodes, its formula and schema, and the JDK
     * types these hold (boxed integers, enums, a list and a map).
     */
    public static final AllowList GRADIENT_TREE_BOOST = new AllowList(
            "gradient_boost_quantiles",
            Set.of("smile.regression", "smile.model.cart", "smile.data.formula", "smile.data.type"),
            Set.of(
                    "java.lang.Enum",
                    "java.lang.Number",
                    "java.lang.Integer",
                    "java.lang.Object",
                    "java.util.ArrayList",
                    "java.util.HashMap",
                    "java.util.Map$Entry"),
            MAX_DEPTH,
            MAX_REFERENCES,
            MAX_ARRAY_LENGTH);

    public AllowList {
        packages = Set.copyOf(packages);
        classes = Set.copyOf(classes);
    }

    /** Whether a class, by the name a serialised class descriptor carries ({@code [D}, {@code [Lx.Y;}), is allowed. */
    public boolean permits(String className) {
        String element = className;
        int dims = 0;
        while (dims < element.length() && element.charAt(dims) == '[') {
            dims++;
        }
        if (dims > 0) {
            element = element.substring(dims);
            if (element.length() == 1) {
                return "ZBCSIJFD".contains(element);
            }
            if (!element.startsWith("L") || !element.endsWith(";")) {
                return false;
            }
            element = element.substring(1, element.length() - 1);
        }
        if (classes.contains(element)) {
            return true;
        }
        int dot = element.lastIndexOf('.');
        return dot > 0 && packages.contains(element.substring(0, dot));
    }
}
