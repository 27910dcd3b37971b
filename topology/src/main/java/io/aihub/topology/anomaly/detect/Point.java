package io.aihub.topology.anomaly.detect;

/**
 * One reading of a series.
 *
 * @param epochMillis when, in milliseconds since the epoch
 * @param value the reading, finite
 */
public record Point(long epochMillis, double value) {}
