package io.aihub.topology.anomaly.detect;

/** Checks of the arguments every detector takes. */
final class Readings {

    private Readings() {}

    /** @throws IllegalArgumentException unless the value is finite */
    static double finite(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a reading must be a finite number, was " + value);
        }
        return value;
    }

    /** @throws IllegalArgumentException unless every value is finite */
    static double[] finite(double[] row) {
        for (int i = 0; i < row.length; i++) {
            if (!Double.isFinite(row[i])) {
                throw new IllegalArgumentException("value " + i + " of the row is not a finite number: " + row[i]);
            }
        }
        return row;
    }

    /** @throws IllegalArgumentException unless {@code min <= value <= max}, naming the setting */
    static int inRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    /** @throws IllegalArgumentException unless {@code min <= value <= max}, naming the setting */
    static double inRange(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }
}
