package io.aihub.topology.models;

import io.aihub.topology.models.internal.PayloadReader;
import io.aihub.topology.models.internal.PayloadWriter;
import java.util.Arrays;

/**
 * A direct linear forecast that a {@link QuantileForecastModel} is combined with: for each whole lead hour {@code l =
 * 1..leads()}, the target (in the model's relative units) is {@code c[l][0] + sum_k c[l][k] * x[k]} over an input
 * window {@code x[1..window()]} (the relative values of the past hours; {@code x[0]} is the constant 1). A lead between
 * two whole hours takes the linear interpolation of their forecasts, a lead under an hour interpolates towards 0 (the
 * last value). Kept in the model's artifact with the trees, so that a registered forecaster forecasts exactly as the
 * one that was evaluated.
 */
public final class LinearLeadModel {

    /** No linear part: the trees forecast alone. */
    public static final LinearLeadModel NONE = new LinearLeadModel(new double[0][]);

    /** The most leads an artifact may hold. */
    public static final int MAX_LEADS = 168;
    /** The longest input window an artifact may hold, hours. */
    public static final int MAX_WINDOW = 1_008;

    private final double[][] coefficients;

    /**
     * @param coefficients per lead hour {@code 1..L}, the intercept then one weight per window hour; every lead the same
     *     length, every value finite
     * @throws IllegalArgumentException otherwise
     */
    public LinearLeadModel(double[][] coefficients) {
        if (coefficients.length > MAX_LEADS) {
            throw new IllegalArgumentException("at most " + MAX_LEADS + " leads, got " + coefficients.length);
        }
        int width = coefficients.length == 0 ? 0 : coefficients[0].length;
        if (coefficients.length > 0 && (width < 1 || width > MAX_WINDOW + 1)) {
            throw new IllegalArgumentException("a lead needs 1 to " + (MAX_WINDOW + 1) + " coefficients, got " + width);
        }
        this.coefficients = new double[coefficients.length][];
        for (int l = 0; l < coefficients.length; l++) {
            if (coefficients[l].length != width) {
                throw new IllegalArgumentException(
                        "lead " + (l + 1) + " has " + coefficients[l].length + " coefficients, lead 1 has " + width);
            }
            for (double c : coefficients[l]) {
                if (!Double.isFinite(c)) {
                    throw new IllegalArgumentException("lead " + (l + 1) + " has a coefficient that is not finite");
                }
            }
            this.coefficients[l] = coefficients[l].clone();
        }
    }

    /** Whether this is {@link #NONE}. */
    public boolean isEmpty() {
        return coefficients.length == 0;
    }

    /** The longest lead covered, hours. */
    public int leads() {
        return coefficients.length;
    }

    /** The input window, hours (the number of inputs besides the constant). */
    public int window() {
        return coefficients.length == 0 ? 0 : coefficients[0].length - 1;
    }

    /**
     * The forecast for a lead.
     *
     * @param inputs {@code 1 + window()} values, the first the constant 1
     * @return the forecast in relative units, {@code NaN} beyond {@link #leads()} or for a model without leads
     */
    public double predict(double[] inputs, double leadHours) {
        if (isEmpty() || !(leadHours <= leads())) {
            return Double.NaN;
        }
        if (leadHours <= 0) {
            return 0;
        }
        int whole = (int) Math.floor(leadHours);
        double fraction = leadHours - whole;
        double low = whole == 0 ? 0 : dot(coefficients[whole - 1], inputs);
        return fraction == 0 ? low : low + fraction * (dot(coefficients[whole], inputs) - low);
    }

    private static double dot(double[] weights, double[] inputs) {
        double sum = 0;
        for (int k = 0; k < weights.length; k++) {
            sum += weights[k] * inputs[k];
        }
        return sum;
    }

    /** Appends int32 lead count, int32 coefficient count per lead, then the coefficients (float64), lead by lead. */
    void write(PayloadWriter out) {
        out.writeInt(coefficients.length).writeInt(coefficients.length == 0 ? 0 : coefficients[0].length);
        for (double[] lead : coefficients) {
            for (double c : lead) {
                out.writeDouble(c);
            }
        }
    }

    static LinearLeadModel read(PayloadReader in) {
        int leads = in.readInt("linear lead count");
        int width = in.readInt("linear coefficient count");
        if (leads < 0 || leads > MAX_LEADS || width < 0 || width > MAX_WINDOW + 1 || (leads > 0 && width == 0)) {
            throw in.corrupt("linear part of " + leads + " leads x " + width + " coefficients", null);
        }
        double[][] coefficients = new double[leads][width];
        for (double[] lead : coefficients) {
            for (int k = 0; k < width; k++) {
                lead[k] = in.readDouble("linear coefficient");
            }
        }
        try {
            return new LinearLeadModel(coefficients);
        } catch (IllegalArgumentException e) {
            throw in.corrupt("invalid linear part: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LinearLeadModel that && Arrays.deepEquals(coefficients, that.coefficients);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(coefficients);
    }

    @Override
    public String toString() {
        return "LinearLeadModel[leads=" + leads() + ", window=" + window() + "]";
    }
}
