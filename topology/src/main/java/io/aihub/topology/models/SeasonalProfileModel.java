package io.aihub.topology.models;

import io.aihub.topology.models.internal.FeatureNameRules;
import io.aihub.topology.models.internal.PayloadReader;
import io.aihub.topology.models.internal.PayloadWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Kind {@code seasonal_profile}: the robust summary (median, MAD, count) of a series' values in each of the 168 hours
 * of the week, UTC, hour 0 being Monday 00:00-01:00. {@link #expected} is the cell's median and {@link #robustZ} a
 * value's robust z against its cell; a cell without training values gives NaN for both.
 *
 * @param featureNames the model's input, {@link #FEATURES}
 * @param cells the 168 cells, by hour of the week
 */
public record SeasonalProfileModel(List<String> featureNames, List<RobustSummary> cells) implements TrainedModel {

    /** The kind id. */
    public static final String KIND = "seasonal_profile";
    /** Cells of the profile. */
    public static final int HOURS_PER_WEEK = 168;
    /** The model reads the hour of the week of a timestamp. */
    public static final List<String> FEATURES = List.of("hour_of_week");

    private static final long MILLIS_PER_HOUR = 3_600_000L;
    /** 1970-01-01T00:00Z was a Thursday: 3 days after Monday 00:00. */
    private static final int EPOCH_HOUR_OF_WEEK = 72;

    public SeasonalProfileModel {
        featureNames = FeatureNameRules.require(featureNames);
        cells = List.copyOf(cells);
        if (cells.size() != HOURS_PER_WEEK) {
            throw new IllegalArgumentException(
                    "a seasonal profile has " + HOURS_PER_WEEK + " cells, got " + cells.size());
        }
    }

    /** The hour of the week of an instant, UTC: 0 for Monday 00:00-00:59, 167 for Sunday 23:00-23:59. */
    public static int hourOfWeek(long epochMillis) {
        return (int) Math.floorMod(Math.floorDiv(epochMillis, MILLIS_PER_HOUR) + EPOCH_HOUR_OF_WEEK, HOURS_PER_WEEK);
    }

    /** The hour of the week of an instant, UTC (see {@link #hourOfWeek(long)}). */
    public static int hourOfWeek(Instant instant) {
        return hourOfWeek(instant.toEpochMilli());
    }

    /**
     * Builds the profile from timestamped values.
     *
     * @param epochMillis the time of each value
     * @param values the values, finite
     * @throws IllegalArgumentException if the arrays differ in length or a value is not finite
     */
    public static SeasonalProfileModel train(long[] epochMillis, double[] values) {
        if (epochMillis.length != values.length) {
            throw new IllegalArgumentException(
                    epochMillis.length + " timestamps for " + values.length + " values: they must pair up");
        }
        int[] start = new int[HOURS_PER_WEEK + 1];
        for (long t : epochMillis) {
            start[hourOfWeek(t) + 1]++;
        }
        for (int h = 0; h < HOURS_PER_WEEK; h++) {
            start[h + 1] += start[h];
        }
        int[] next = start.clone();
        double[] grouped = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("value " + i + " is not finite: " + values[i]);
            }
            grouped[next[hourOfWeek(epochMillis[i])]++] = values[i];
        }
        var cells = new ArrayList<RobustSummary>(HOURS_PER_WEEK);
        for (int h = 0; h < HOURS_PER_WEEK; h++) {
            cells.add(RobustSummary.of(grouped, start[h], start[h + 1]));
        }
        return new SeasonalProfileModel(FEATURES, cells);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** The summary of one hour of the week. */
    public RobustSummary cell(int hourOfWeek) {
        return cells.get(checkHour(hourOfWeek));
    }

    /** The expected value (the training median) at an hour of the week; NaN if it had no training values. */
    public double expected(int hourOfWeek) {
        return cell(hourOfWeek).median();
    }

    /** How many training values fell in an hour of the week. */
    public long count(int hourOfWeek) {
        return cell(hourOfWeek).count();
    }

    /** The value's robust z against its hour of the week (see {@link RobustSummary#robustZ}). */
    public double robustZ(int hourOfWeek, double value) {
        return cell(hourOfWeek).robustZ(value);
    }

    /** Payload v1: feature names, int32 cell count (168), then each cell's summary. No Java serialisation. */
    byte[] payload() {
        var out = new PayloadWriter().writeFeatureNames(featureNames).writeInt(HOURS_PER_WEEK);
        cells.forEach(out::writeSummary);
        return out.toByteArray();
    }

    static SeasonalProfileModel fromPayload(PayloadReader in, int version) {
        if (version != 1) {
            throw new UnsupportedModelException(KIND + " payload version " + version + " is not readable");
        }
        List<String> names = in.readFeatureNames();
        int count = in.readInt("cell count");
        if (count != HOURS_PER_WEEK) {
            throw in.corrupt("cell count is " + count + ", expected " + HOURS_PER_WEEK, null);
        }
        var cells = new ArrayList<RobustSummary>(HOURS_PER_WEEK);
        for (int h = 0; h < HOURS_PER_WEEK; h++) {
            cells.add(in.readSummary("cell " + h));
        }
        in.expectEnd();
        return new SeasonalProfileModel(names, cells);
    }

    private static int checkHour(int hourOfWeek) {
        if (hourOfWeek < 0 || hourOfWeek >= HOURS_PER_WEEK) {
            throw new IllegalArgumentException("hour of week must be in 0..167, was " + hourOfWeek);
        }
        return hourOfWeek;
    }
}
