package io.aihub.topology.forecast.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Samples (issue time, lead) pairs from a span of a series and builds their feature rows and targets. An issue time is
 * a value's time; a pair is kept only when the series has a value exactly at the target time and both the issue value
 * and the target lie in the span. Leads are whole multiples of the series' resolution: with probability {@code
 * shortLeadShare} up to 24 h, else over 24 h up to 168 h, uniformly within each range.
 *
 * @param rows the feature rows ({@link LeadFeatures})
 * @param targets the targets, relative: {@code (y(target) - y0) / scale}
 * @param leadHours the lead of each row, hours
 * @param issueIndices the index of each row's issue value in the series
 */
public record TrainingPairs(double[][] rows, double[] targets, double[] leadHours, int[] issueIndices) {

    private static final long HOUR = 3_600_000L;
    private static final int MAX_TRIES_PER_ROW = 50;

    /**
     * Samples up to {@code count} pairs whose issue value and target both have times in {@code [fromMillis,
     * toMillis)}.
     *
     * @throws IllegalArgumentException if fewer than 10 pairs could be drawn
     */
    public static TrainingPairs sample(
            SeriesIndex series,
            long fromMillis,
            long toMillis,
            int count,
            double shortLeadShare,
            SplittableRandom random) {
        long step = Math.max(series.medianStepMillis(), 1);
        long shortSteps = Math.max(1, 24 * HOUR / step);
        long longSteps = Math.max(shortSteps + 1, 168 * HOUR / step);
        int first = Math.max(series.lastAtOrBefore(fromMillis - 1) + 1, 0);
        int last = series.lastAtOrBefore(toMillis - 1);
        while (first <= last && !LeadFeatures.enoughHistory(series, first)) {
            first++;
        }
        int width = LeadFeatures.NAMES.size();
        double[][] rows = new double[count][];
        double[] targets = new double[count];
        double[] leads = new double[count];
        int[] issues = new int[count];
        int n = 0;
        for (int tries = 0; n < count && first <= last && tries < count * MAX_TRIES_PER_ROW; tries++) {
            int c = random.nextInt(first, last + 1);
            long k = random.nextDouble() < shortLeadShare
                    ? random.nextLong(1, shortSteps + 1)
                    : random.nextLong(shortSteps + 1, longSteps + 1);
            long lead = k * step;
            long issue = series.time(c);
            int target = series.exactly(issue + lead);
            if (target < 0 || issue + lead >= toMillis) {
                continue;
            }
            LeadFeatures.Anchor anchor = LeadFeatures.anchor(series, c);
            double[] row = new double[width];
            LeadFeatures.fill(series, anchor, issue, lead, row);
            rows[n] = row;
            targets[n] = anchor.relative(series.value(target));
            leads[n] = row[0];
            issues[n] = c;
            n++;
        }
        if (n < 10) {
            throw new IllegalArgumentException("only " + n + " (issue time, lead) pairs between "
                    + Instant.ofEpochMilli(fromMillis) + " and " + Instant.ofEpochMilli(toMillis)
                    + ": the history is too short or too sparse");
        }
        return new TrainingPairs(
                Arrays.copyOf(rows, n), Arrays.copyOf(targets, n), Arrays.copyOf(leads, n), Arrays.copyOf(issues, n));
    }

    public int size() {
        return targets.length;
    }
}
