package io.aihub.bench.nab;

/**
 * One data file's raw score and counts at a detector's threshold: a row of NAB's
 * {@code <detector>_<profile>_scores.csv}, {@code rows} being its {@code Total_Count} (all rows, probation included).
 */
public record NabFileScore(String relativePath, double score, NabCounts counts, int rows) {}
