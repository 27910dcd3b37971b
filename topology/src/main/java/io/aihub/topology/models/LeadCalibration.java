package io.aihub.topology.models;

import java.util.List;

/**
 * Split-conformal offsets of a {@link QuantileForecastModel}'s p10-p90 interval, per band of lead times: a calibrated
 * interval is {@code [p10 - Q, p90 + Q]} with {@code Q} the offset of the lead's band ({@code Q < 0} narrows it).
 * Kept in the model's artifact, so that a registered forecaster forecasts exactly as the one that was evaluated.
 *
 * @param bandEnds the bands' upper bounds, hours, strictly increasing and positive: band {@code b} holds the leads in
 *     {@code (bandEnds[b-1], bandEnds[b]]}; a lead above the last bound belongs to the last band
 * @param offsets the offset {@code Q} of each band, in the model's target units
 */
public record LeadCalibration(List<Double> bandEnds, List<Double> offsets) {

    /** No calibration: every offset is 0. */
    public static final LeadCalibration NONE = new LeadCalibration(List.of(), List.of());

    /** The most bands an artifact may hold. */
    public static final int MAX_BANDS = 64;

    public LeadCalibration {
        bandEnds = List.copyOf(bandEnds);
        offsets = List.copyOf(offsets);
        if (bandEnds.size() != offsets.size() || bandEnds.size() > MAX_BANDS) {
            throw new IllegalArgumentException("calibration needs one offset per band (at most " + MAX_BANDS + "), got "
                    + bandEnds.size() + " bands and " + offsets.size() + " offsets");
        }
        double previous = 0;
        for (int b = 0; b < bandEnds.size(); b++) {
            double end = bandEnds.get(b);
            if (!(end > previous) || !Double.isFinite(end)) {
                throw new IllegalArgumentException("band ends must be finite, positive and increasing: " + bandEnds);
            }
            if (!Double.isFinite(offsets.get(b))) {
                throw new IllegalArgumentException("offset " + b + " is not finite: " + offsets.get(b));
            }
            previous = end;
        }
    }

    /** Whether this is {@link #NONE}. */
    public boolean isEmpty() {
        return bandEnds.isEmpty();
    }

    /** The offset {@code Q} for a lead, hours (0 without calibration). */
    public double offset(double leadHours) {
        int last = bandEnds.size() - 1;
        for (int b = 0; b < last; b++) {
            if (leadHours <= bandEnds.get(b)) {
                return offsets.get(b);
            }
        }
        return last < 0 ? 0 : offsets.get(last);
    }
}
