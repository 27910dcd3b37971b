package io.aihub.topology.forecast.internal;

import io.aihub.topology.models.LinearLeadModel;

/**
 * The linear part of the trained forecaster: one ridge regression per whole lead hour {@code 1..LEADS} from the
 * relative values of the past {@code WINDOW} hours ({@code y(T - k h)}, {@code k = 1..WINDOW}, relative to the issue
 * value {@code y0} and divided by the anchor's scale, as {@link LeadFeatures} does), to the relative target {@code
 * (y(T + l h) - y0) / s}. Relative inputs are clipped to +-{@value #INPUT_CLIP} and targets to +-{@value
 * #TARGET_CLIP} scale units, so a flat week (a tiny scale) cannot dominate the fit. All leads share one Gram matrix:
 * an issue time is used only when every target up to {@code LEADS} hours has a value at most an hour older than it,
 * within the span.
 */
public final class LinearWindow {

    /** The input window, hours. */
    public static final int WINDOW = 168;
    /** The longest lead the linear part forecasts, hours; longer leads are the trees' alone. */
    public static final int LEADS = 24;
    /** The ridge penalty (on the weights, not the intercept), in relative units squared. */
    public static final double RIDGE = 10;
    /** At most this many issue times are used, evenly spaced. */
    public static final int MAX_ROWS = 8_760;

    private static final double INPUT_CLIP = 10;
    private static final double TARGET_CLIP = 20;
    private static final long HOUR = 3_600_000L;

    private LinearWindow() {}

    /** The inputs for an anchor: the constant 1, then the clipped relative values of the past {@code window} hours. */
    public static double[] inputs(SeriesIndex series, LeadFeatures.Anchor anchor, int window) {
        int c = anchor.issueIndex();
        long issueValueTime = series.time(c);
        double[] x = new double[window + 1];
        x[0] = 1;
        for (int k = 1; k <= window; k++) {
            x[k] = clip(anchor.relative(series.valueAtOrBefore(issueValueTime - k * HOUR, c)), INPUT_CLIP);
        }
        return x;
    }

    /**
     * Fits the ridge regressions on the issue times in {@code [fromMillis, toMillis)} whose targets also precede
     * {@code toMillis}; {@link LinearLeadModel#NONE} if fewer than twice as many issue times as coefficients qualify.
     */
    public static LinearLeadModel fit(SeriesIndex series, long fromMillis, long toMillis) {
        int first = Math.max(series.lastAtOrBefore(fromMillis - 1) + 1, 0);
        int last = series.lastAtOrBefore(toMillis - 1 - LEADS * HOUR);
        while (first <= last && !LeadFeatures.enoughHistory(series, first)) {
            first++;
        }
        int width = WINDOW + 1;
        if (last - first + 1 < 2 * width) {
            return LinearLeadModel.NONE;
        }
        int stride = Math.max(1, (last - first + 1 + MAX_ROWS - 1) / MAX_ROWS);
        double[][] gram = new double[width][width];
        double[][] crossed = new double[LEADS][width];
        double[] targets = new double[LEADS];
        int rows = 0;
        for (int c = first; c <= last; c += stride) {
            if (!targets(series, c, targets)) {
                continue;
            }
            LeadFeatures.Anchor anchor = LeadFeatures.anchor(series, c);
            double[] x = inputs(series, anchor, WINDOW);
            for (int l = 0; l < LEADS; l++) {
                targets[l] = clip(anchor.relative(targets[l]), TARGET_CLIP);
            }
            accumulate(gram, crossed, x, targets);
            rows++;
        }
        if (rows < 2 * width) {
            return LinearLeadModel.NONE;
        }
        for (int k = 1; k < width; k++) {
            gram[k][k] += RIDGE;
        }
        for (int i = 0; i < width; i++) {
            for (int j = 0; j < i; j++) {
                gram[j][i] = gram[i][j];
            }
        }
        double[][] lower = cholesky(gram);
        double[][] coefficients = new double[LEADS][];
        for (int l = 0; l < LEADS; l++) {
            coefficients[l] = solve(lower, crossed[l]);
        }
        return new LinearLeadModel(coefficients);
    }

    /** The values at {@code time(c) + l h}, {@code l = 1..LEADS}, each at most an hour old; false if one is missing. */
    private static boolean targets(SeriesIndex series, int c, double[] out) {
        long issue = series.time(c);
        for (int l = 1; l <= LEADS; l++) {
            long target = issue + l * HOUR;
            int at = series.lastAtOrBefore(target);
            if (at <= c || series.time(at) < target - HOUR) {
                return false;
            }
            out[l - 1] = series.value(at);
        }
        return true;
    }

    /** Adds {@code x x'} to the lower triangle of the Gram matrix and {@code x y_l} to each lead's cross products. */
    private static void accumulate(double[][] gram, double[][] crossed, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            double[] row = gram[i];
            for (int j = 0; j <= i; j++) {
                row[j] += xi * x[j];
            }
        }
        for (int l = 0; l < y.length; l++) {
            double yl = y[l];
            double[] cross = crossed[l];
            for (int i = 0; i < x.length; i++) {
                cross[i] += x[i] * yl;
            }
        }
    }

    /** The lower Cholesky factor of a symmetric positive-definite matrix (the ridge keeps it so). */
    private static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / l[j][j];
            }
        }
        return l;
    }

    /** Solves {@code L L' w = b}. */
    private static double[] solve(double[][] l, double[] b) {
        int n = b.length;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i][k] * z[k];
            }
            z[i] = sum / l[i][i];
        }
        double[] w = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = z[i];
            for (int k = i + 1; k < n; k++) {
                sum -= l[k][i] * w[k];
            }
            w[i] = sum / l[i][i];
        }
        return w;
    }

    private static double clip(double value, double bound) {
        return Math.max(-bound, Math.min(bound, value));
    }
}
