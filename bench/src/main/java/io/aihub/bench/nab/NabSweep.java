package io.aihub.bench.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A line-by-line port of NAB v1.1's {@code nab/sweeper.py} ({@code Sweeper.calcSweepScore},
 * {@code Sweeper.calcScoreByThreshold}, {@code Sweeper.scoreDataSet}); the comments quote what each step follows.
 * Floating-point operations are done in NAB's order, so that results agree with NAB's to the last bits wherever the
 * order of equal anomaly scores across files (which NAB takes from its file listing) does not matter.
 */
final class NabSweep {

    /** A row outside every window (NAB's window name {@code None}). */
    static final int OUTSIDE = -1;
    /** A row of the probation period (NAB's window name {@code "probationary"}), never scored. */
    static final int PROBATION = -2;
    /** {@code calcScoreByThreshold}: "This starts above 1.0 so that all points are skipped". */
    static final double NO_DETECTION = 1.1;
    /** {@code maxTP = scaledSigmoid(-1.0)}. */
    static final double MAX_TP = scaledSigmoid(-1.0);

    private NabSweep() {}

    /** {@code sigmoid(x) = 1 / (1 + exp(-x))}. */
    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /**
     * {@code scaledSigmoid}: -1 beyond 3.0, else {@code 2 * sigmoid(-5 * x) - 1}. NAB's current sweeper tests
     * {@code x > 3.0}; an older version tested {@code >= 3.0} (a difference of 6e-7 at exactly 3.0).
     */
    static double scaledSigmoid(double relativePosition) {
        if (relativePosition > 3.0) {
            return -1.0;
        }
        return 2 * sigmoid(-5 * relativePosition) - 1.0;
    }

    /**
     * {@code _getProbationaryLength}: {@code min(floor(p * rows), p * 5000)}, compared with the row index as a float,
     * as NAB does (750 rows at most for p = 0.15).
     */
    static double probationaryLength(int rows, double probationPercent) {
        return Math.min(Math.floor(probationPercent * rows), probationPercent * 5000);
    }

    /**
     * The profile-independent part of {@code calcSweepScore} for one file: each row's window (its index in the file,
     * {@link #OUTSIDE} or {@link #PROBATION}) and its unweighted scaled-sigmoid score.
     */
    record Rows(int[] window, double[] unweighted, int windowCount) {}

    static Rows rows(NabSeries series, double probationPercent) {
        int n = series.size();
        int[] window = new int[n];
        double[] unweighted = new double[n];
        double probationaryLength = probationaryLength(n, probationPercent);
        int nextWindow = 0;
        int curWindow = OUTSIDE;
        int curRight = 0;
        double curWidth = 0;
        int prevRight = -1;
        double prevWidth = 0;
        for (int i = 0; i < n; i++) {
            long curTime = series.timestampMillis(i);
            // "If not in a window, check if we've just entered one"
            if (nextWindow < series.windows().size()
                    && curTime == series.windows().get(nextWindow).startMillis()) {
                curWindow = nextWindow++;
                curRight = series.windowEndRow(curWindow);
                curWidth = curRight - series.windowStartRow(curWindow) + 1;
            }
            if (curWindow != OUTSIDE) {
                // "If in a window, score as if true positive": positionInWindow = -(right - i + 1) / width
                double positionInWindow = -(curRight - i + 1) / curWidth;
                unweighted[i] = scaledSigmoid(positionInWindow);
            } else if (prevRight < 0) {
                // "No preceding window, so return score as is we were just really far away from the nearest window"
                unweighted[i] = -1.0;
            } else {
                // positionPastWindow = abs(prevRight - i) / (prevWidth - 1). A previous window of one row divides by
                // zero: Python raises ZeroDivisionError there, Java gives +Infinity and so -1 (no NAB window is one
                // row).
                double positionPastWindow = Math.abs(prevRight - i) / (prevWidth - 1);
                unweighted[i] = scaledSigmoid(positionPastWindow);
            }
            window[i] = i >= probationaryLength ? curWindow : PROBATION;
            // "If at right-edge of window, exit window. This happens after processing the current point"
            if (curWindow != OUTSIDE
                    && curTime == series.windows().get(curWindow).endMillis()) {
                prevRight = i;
                prevWidth = curWidth;
                curWindow = OUTSIDE;
            }
        }
        return new Rows(window, unweighted, series.windows().size());
    }

    /**
     * {@code calcSweepScore}'s {@code weightedScore}: {@code unweighted * tpWeight / maxTP} inside a window,
     * {@code unweighted * fpWeight} outside.
     */
    static double weighted(double unweighted, boolean inWindow, NabProfile profile) {
        return inWindow ? unweighted * profile.tpWeight() / MAX_TP : unweighted * profile.fpWeight();
    }

    /**
     * The scored rows of one or more files, ready for {@link #scoreByThreshold}: anomaly score, weighted sweep score and
     * window id (unique over the files; {@link #OUTSIDE} outside windows), in file then row order.
     */
    record Points(double[] anomaly, double[] sweep, int[] window, int windowIds) {

        static Points of(
                List<Rows> files,
                List<double[]> anomalyScores,
                int[] windowOffsets,
                int windowIds,
                NabProfile profile) {
            int size = 0;
            for (Rows rows : files) {
                for (int w : rows.window()) {
                    size += w == PROBATION ? 0 : 1;
                }
            }
            double[] anomaly = new double[size];
            double[] sweep = new double[size];
            int[] window = new int[size];
            int p = 0;
            for (int f = 0; f < files.size(); f++) {
                Rows rows = files.get(f);
                double[] scores = anomalyScores.get(f);
                for (int i = 0; i < rows.window().length; i++) {
                    int w = rows.window()[i];
                    if (w == PROBATION) {
                        continue;
                    }
                    anomaly[p] = scores[i];
                    sweep[p] = weighted(rows.unweighted()[i], w != OUTSIDE, profile);
                    window[p] = w == OUTSIDE ? OUTSIDE : windowOffsets[f] + w;
                    p++;
                }
            }
            return new Points(anomaly, sweep, window, windowIds);
        }
    }

    /**
     * {@code calcScoreByThreshold}: the score and counts at every distinct anomaly score, from the highest down, after a
     * first row at {@link #NO_DETECTION}. Each window scores {@code -fnWeight} until its earliest detection (the largest
     * sweep score among its detected rows, by {@code max}); every detection outside windows adds its sweep score. A
     * window whose rows all fall in the probation period takes no part (NAB keys score parts by the scored rows).
     */
    static List<NabThresholdScore> scoreByThreshold(Points points, NabProfile profile) {
        int n = points.anomaly().length;
        // prepAnomalyListForScoring: sorted(key=anomalyScore, reverse=True), which is stable
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(points.anomaly()[b], points.anomaly()[a]));
        // _prepareScoreByThresholdParts: scoreParts = {"fp": 0, <window>: -fnWeight, ...}, windows in the order they
        // first appear in the sorted list, which is also the order sum(scoreParts.values()) adds them in
        int[] slotOf = new int[points.windowIds()];
        Arrays.fill(slotOf, -1);
        int slots = 0;
        for (int index : order) {
            int w = points.window()[index];
            if (w != OUTSIDE && slotOf[w] < 0) {
                slotOf[w] = slots++;
            }
        }
        double[] windowParts = new double[slots];
        Arrays.fill(windowParts, -profile.fnWeight());
        double fpPart = 0;
        int tn = 0;
        int fn = 0;
        for (int w : points.window()) {
            if (w == OUTSIDE) {
                tn++;
            } else {
                fn++;
            }
        }
        int tp = 0;
        int fp = 0;
        List<NabThresholdScore> scores = new ArrayList<>();
        double curThreshold = NO_DETECTION;
        for (int index : order) {
            double anomalyScore = points.anomaly()[index];
            // "If we've reached a new anomaly threshold, store the current threshold+score pair."
            if (anomalyScore != curThreshold) {
                scores.add(
                        new NabThresholdScore(curThreshold, sum(fpPart, windowParts), new NabCounts(tp, tn, fp, fn)));
                curThreshold = anomalyScore;
            }
            int w = points.window()[index];
            if (w != OUTSIDE) {
                tp++;
                fn--;
                int slot = slotOf[w];
                windowParts[slot] = Math.max(windowParts[slot], points.sweep()[index]);
            } else {
                fp++;
                tn--;
                fpPart += points.sweep()[index];
            }
        }
        // "Make sure to save the score for the last threshold"
        scores.add(new NabThresholdScore(curThreshold, sum(fpPart, windowParts), new NabCounts(tp, tn, fp, fn)));
        return scores;
    }

    /** {@code sum(scoreParts.values())}: 0 + fp, then each window's part in insertion order. */
    private static double sum(double fpPart, double[] windowParts) {
        double total = 0;
        total += fpPart;
        for (double part : windowParts) {
            total += part;
        }
        return total;
    }

    /**
     * {@code optimizeThreshold} (nab/optimizer.py): {@code sorted(scoresByThreshold, key=score, reverse=True)[0]}, the
     * first of the highest scores in sweep order, i.e. the highest threshold among equal best scores.
     */
    static NabThresholdScore best(List<NabThresholdScore> sweep) {
        NabThresholdScore best = sweep.getFirst();
        for (NabThresholdScore row : sweep) {
            if (row.score() > best.score()) {
                best = row;
            }
        }
        return best;
    }

    /**
     * {@code scoreDataSet}'s matching: the row of {@code threshold}, else the row before the first lower threshold.
     * NAB returns {@code None} (and then fails) when the threshold is below every anomaly score of the file; here that
     * case gives the last row, every scored row a detection, which is what the threshold means.
     */
    static NabThresholdScore at(List<NabThresholdScore> sweep, double threshold) {
        NabThresholdScore previous = sweep.getFirst();
        for (NabThresholdScore row : sweep) {
            if (row.threshold() == threshold) {
                return row;
            }
            if (row.threshold() < threshold) {
                return previous;
            }
            previous = row;
        }
        return sweep.getLast();
    }
}
