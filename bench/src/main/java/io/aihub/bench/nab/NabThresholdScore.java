package io.aihub.bench.nab;

/**
 * One row of NAB's threshold sweep ({@code ThresholdScore} in {@code nab/sweeper.py}): the raw score and the counts
 * when every scored row with an anomaly score at or above {@code threshold} is a detection. The sweep's first row has
 * threshold 1.1, above every score: no detection.
 */
public record NabThresholdScore(double threshold, double score, NabCounts counts) {}
