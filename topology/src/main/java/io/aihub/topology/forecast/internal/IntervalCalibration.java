package io.aihub.topology.forecast.internal;

import io.aihub.topology.models.LeadCalibration;
import java.util.Arrays;

/**
 * Split-conformal widening of a p10-p90 interval (conformalised quantile regression, Romano et al. 2019), per band of
 * lead times. On held-back rows the conformity score is {@code e = max(p10 - y, y - p90)}; the band's offset {@code Q}
 * is the {@code ceil((n + 1) * coverage)}-th smallest score, and a calibrated interval is {@code [p10 - Q, p90 + Q]}
 * ({@code Q < 0} narrows an over-wide interval). A band without held-back rows uses the offset of all rows together.
 */
public final class IntervalCalibration {

    /** The upper bounds of the lead bands, hours: (0, 6], (6, 24], (24, 72], (72, 168]. */
    private static final double[] BAND_ENDS = {6, 24, 72, 168};

    private final double[] offsets;
    private final int[] counts;

    private IntervalCalibration(double[] offsets, int[] counts) {
        this.offsets = offsets;
        this.counts = counts;
    }

    /**
     * Fits the offsets.
     *
     * @param leadHours the lead of each held-back row
     * @param scores the conformity score of each row, {@code max(p10 - y, y - p90)}
     * @param coverage the target coverage of the interval, in (0, 1)
     */
    public static IntervalCalibration fit(double[] leadHours, double[] scores, double coverage) {
        if (leadHours.length != scores.length || scores.length == 0) {
            throw new IllegalArgumentException(
                    "calibration needs rows: " + leadHours.length + " leads, " + scores.length + " scores");
        }
        double all = conformalQuantile(scores, coverage);
        double[] offsets = new double[BAND_ENDS.length];
        int[] counts = new int[BAND_ENDS.length];
        for (int b = 0; b < BAND_ENDS.length; b++) {
            double[] band = new double[scores.length];
            int n = 0;
            for (int i = 0; i < scores.length; i++) {
                if (band(leadHours[i]) == b) {
                    band[n++] = scores[i];
                }
            }
            counts[b] = n;
            offsets[b] = n == 0 ? all : conformalQuantile(Arrays.copyOf(band, n), coverage);
        }
        return new IntervalCalibration(offsets, counts);
    }

    /** The offset {@code Q} for a lead. */
    public double offset(double leadHours) {
        return offsets[band(leadHours)];
    }

    /** The offsets as kept in a model's artifact. */
    public LeadCalibration asLeadCalibration() {
        return new LeadCalibration(
                Arrays.stream(BAND_ENDS).boxed().toList(),
                Arrays.stream(offsets).boxed().toList());
    }

    /** The offsets per band, for reports. */
    public double[] offsets() {
        return offsets.clone();
    }

    /** The held-back rows per band, for reports. */
    public int[] counts() {
        return counts.clone();
    }

    /** The {@code ceil((n + 1) * coverage)}-th smallest value (the largest if that exceeds n). */
    static double conformalQuantile(double[] scores, double coverage) {
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        int k = (int) Math.ceil((sorted.length + 1) * coverage);
        return sorted[Math.min(Math.max(k, 1), sorted.length) - 1];
    }

    private static int band(double leadHours) {
        for (int b = 0; b < BAND_ENDS.length - 1; b++) {
            if (leadHours <= BAND_ENDS[b]) {
                return b;
            }
        }
        return BAND_ENDS.length - 1;
    }
}
