package io.aihub.topology.anomaly.detect.internal;

import io.aihub.topology.models.IsolationForestModel;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The rows an isolation forest is trained on, and the forest, retrained on a fixed schedule so that the model in use
 * is a function of the rows learnt, the count and the seed only (a restored history rebuilds the very same forest).
 *
 * <p>Schedule: the forest is due once {@code minTraining} rows were learnt, and again every {@code retrainEvery} rows:
 * at counts {@code T = minTraining + k * retrainEvery}. The forest used at count n is trained on the (at most) {@code
 * history} rows before the last such {@code T <= n}, with seed {@code seed + T * 0x9E3779B97F4A7C15}. Rows are kept
 * for {@code history + retrainEvery} readings, so those rows are always at hand; training is lazy (on the first score
 * that needs the forest), so learning a long training series trains once. With the forest come its training rows'
 * scores ({@link #calibration()}), against which a new row's score is read.
 */
public final class ForestHistory {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    /** The share of training rows, the most isolated, left out of the training range (the reference's contamination). */
    public static final double CONTAMINATION = 0.01;

    private final List<String> featureNames;
    private final int history;
    private final int retrainEvery;
    private final int minTraining;
    private final int trees;
    private final long seed;
    private final RowRing rows;
    private long count;
    private @Nullable IsolationForestModel model;
    private long modelAt;
    private final TailCalibration calibration;
    private final double[] trainingScores;
    /** Per feature, over the training rows: the smallest, the largest, the median and the robust σ. */
    private final double[] low;

    private final double[] high;
    private final double[] sigma;
    private final double[] center;

    public ForestHistory(
            List<String> featureNames, int history, int retrainEvery, int minTraining, int trees, long seed) {
        this.featureNames = List.copyOf(featureNames);
        this.history = history;
        this.retrainEvery = retrainEvery;
        this.minTraining = minTraining;
        this.trees = trees;
        this.seed = seed;
        this.rows = new RowRing(history + retrainEvery, featureNames.size());
        this.calibration = new TailCalibration(history);
        this.trainingScores = new double[history];
        this.low = new double[featureNames.size()];
        this.high = new double[featureNames.size()];
        this.sigma = new double[featureNames.size()];
        this.center = new double[featureNames.size()];
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public long count() {
        return count;
    }

    /** Rows needed before the first forest. */
    public int minTraining() {
        return minTraining;
    }

    public long seed() {
        return seed;
    }

    /** Learns a row (copied). */
    public void learn(double[] row) {
        rows.add(row);
        count++;
    }

    /** The count the forest in use was trained at, 0 before {@code minTraining} rows. */
    public long trainedAt() {
        return count < minTraining ? 0 : minTraining + (count - minTraining) / retrainEvery * retrainEvery;
    }

    /** How many rows the forest in use was trained on, 0 before {@code minTraining} rows. */
    public int trainingRows() {
        return (int) Math.min(trainedAt(), history);
    }

    /** The forest in use, trained now if due; null before {@code minTraining} rows. */
    public @Nullable IsolationForestModel model() {
        long at = trainedAt();
        if (at == 0) {
            return null;
        }
        if (model == null || modelAt != at) {
            int n = (int) Math.min(at, history);
            int end = rows.size() - (int) (count - at);
            double[][] training = rows.copyRows(end - n, end);
            IsolationForestModel trained =
                    IsolationForestModel.train(featureNames, training, trees, seed + at * GOLDEN);
            for (int i = 0; i < n; i++) {
                trainingScores[i] = trained.score(training[i]);
            }
            calibration.fit(trainingScores, n);
            summariseFeatures(training, trainingScores);
            model = trained;
            modelAt = at;
        }
        return model;
    }

    /** The forest's training rows' scores, to read a score's rarity ({@link #model()} first). */
    public TailCalibration calibration() {
        return calibration;
    }

    /**
     * For a row outside the range of the training rows (all but the most isolated 1%) in some feature, the robust z
     * ({@code |x - median| / σ}) of the feature farthest out of its range; 0 for a row inside the range of every
     * feature. An isolation forest cannot tell such rows apart (a row past the largest training value follows that
     * value's path in every tree), so this measures what the forest's score cannot.
     *
     * @param farthest receives, at index 0, the index of that feature (-1 when inside)
     */
    public double outsideRange(double[] row, int[] farthest) {
        double excess = 0;
        farthest[0] = -1;
        for (int j = 0; j < row.length; j++) {
            double e = Math.max(row[j] - high[j], low[j] - row[j]) / sigma[j];
            if (e > excess) {
                excess = e;
                farthest[0] = j;
            }
        }
        return farthest[0] < 0 ? 0 : Math.abs(row[farthest[0]] - center[farthest[0]]) / sigma[farthest[0]];
    }

    /**
     * The range and robust σ of each feature over the training rows; the range leaves out the {@link #CONTAMINATION}
     * share of rows with the highest forest scores, so that a past outlier in the history does not widen it.
     */
    private void summariseFeatures(double[][] training, double[] scores) {
        int n = training.length;
        double[] column = new double[n];
        System.arraycopy(scores, 0, column, 0, n);
        Arrays.sort(column);
        double cut = column[n - 1 - (int) Math.floor(CONTAMINATION * n)];
        for (int j = 0; j < featureNames.size(); j++) {
            low[j] = Double.POSITIVE_INFINITY;
            high[j] = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                column[i] = training[i][j];
                if (scores[i] <= cut) {
                    low[j] = Math.min(low[j], column[i]);
                    high[j] = Math.max(high[j], column[i]);
                }
            }
            Arrays.sort(column);
            double median = median(column);
            center[j] = median;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                column[i] = Math.abs(column[i] - median);
                sum += column[i];
            }
            Arrays.sort(column);
            sigma[j] = Spread.robust(median, median(column), sum / n);
        }
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        int mid = n >>> 1;
        return (n & 1) == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** int64 seed, int64 count, then the rows ({@link RowRing#write}). */
    public void write(StateWriter out) {
        out.writeLong(seed).writeLong(count);
        rows.write(out);
    }

    /** Reads what {@link #write} wrote; the settings come from the caller (read before). */
    public static ForestHistory read(
            StateReader in, List<String> featureNames, int history, int retrainEvery, int minTraining, int trees) {
        long seed = in.readLong("seed");
        var forest = new ForestHistory(featureNames, history, retrainEvery, minTraining, trees, seed);
        forest.count = in.readLong("count");
        forest.rows.read(in, "rows");
        if (forest.count < forest.rows.size() || forest.rows.size() != Math.min(forest.count, forest.rows.capacity())) {
            throw in.corrupt("count " + forest.count + " does not agree with " + forest.rows.size() + " rows");
        }
        return forest;
    }
}
