package io.aihub.topology.anomaly.detect.internal;

/**
 * The rarity of the recent average of a stream of scores: the average of the last {@code shortWindow} scores, compared
 * with the distribution (mean and standard deviation) of that average over about the last {@code memory} readings. In
 * the spirit of Numenta's anomaly likelihood (Ahmad et al., "Unsupervised real-time anomaly detection for streaming
 * data", Neurocomputing 2017): a burst of moderately high scores, or one very high score, moves the recent average far
 * above its usual values, while the scattered high scores of a noisy series do not.
 *
 * <p>The distribution is a pair of exponentially weighted moments: the average learnt at step n moves them by the rate
 * {@code max(1 / n, 2 / (memory + 1))}, so they are the plain mean and (population) variance of all the averages until
 * about {@code memory / 2} were learnt, then exponential averages whose weights have the mean age of a window of the
 * last {@code memory} averages ({@code (memory - 1) / 2}). Constant size whatever the memory.
 *
 * <p>Score-then-learn: {@link #deviate(double)} compares the recent average (the new score included) with the averages
 * before it, then {@link #learn()} adds that average to the moments. Running sums are kept (and stored) rather than
 * recomputed, so a restored instance continues bit for bit. Allocation-free.
 */
public final class ScoreAverages {

    /** The smallest standard deviation of the averages: a constant history does not make every change infinite. */
    public static final double MIN_STD = 0.1;

    /** The stored size: {@code 40 + 8 * shortWindow} bytes. */
    public static int bytes(int shortWindow) {
        return 4 * 8 + 2 * 4 + 8 * shortWindow;
    }

    private final DoubleRing recent;
    /** The rate of the exponential averages. */
    private final double rate;

    private double recentSum;
    private long history;
    private double mean;
    private double variance;
    private double pending = Double.NaN;

    public ScoreAverages(int shortWindow, int memory) {
        recent = new DoubleRing(shortWindow);
        this.rate = 2.0 / (memory + 1);
    }

    /** How many averages were learnt. */
    public long history() {
        return history;
    }

    /**
     * Adds a score to the short window and returns how many standard deviations the recent average now lies above the
     * mean of the earlier averages ({@code >= 0}); call {@link #learn()} next.
     */
    public double deviate(double score) {
        double evicted = recent.add(score);
        recentSum += score - (Double.isNaN(evicted) ? 0 : evicted);
        pending = recentSum / recent.size();
        if (history == 0) {
            return 0;
        }
        return Math.max(0, (pending - mean) / std());
    }

    /** The average of the short window, after the last {@link #deviate}. */
    public double recentAverage() {
        return pending;
    }

    /** The mean of the averages learnt (NaN when none). */
    public double mean() {
        return history == 0 ? Double.NaN : mean;
    }

    /** The standard deviation of the averages learnt, at least {@link #MIN_STD}. */
    public double std() {
        return Math.max(MIN_STD, Math.sqrt(variance));
    }

    /** Adds the recent average of the last {@link #deviate} to the moments. */
    public void learn() {
        history++;
        double weight = Math.max(1.0 / history, rate);
        double difference = pending - mean;
        mean += weight * difference;
        variance = (1 - weight) * (variance + weight * difference * difference);
    }

    public void write(StateWriter out) {
        out.writeDouble(recentSum)
                .writeLong(history)
                .writeDouble(mean)
                .writeDouble(variance)
                .writeRing(recent);
    }

    public void read(StateReader in) {
        recentSum = in.readFinite("recentSum");
        history = in.readLong("history");
        mean = in.readFinite("mean");
        variance = in.readFinite("variance");
        in.readRing("recent", recent);
        if (history < 0 || variance < 0) {
            throw in.corrupt("history " + history + " or variance " + variance + " is negative");
        }
    }

    /**
     * Reads the layout of the seasonal likelihood's state version 1, which kept the last {@code longWindow} averages
     * themselves: the moments become their mean and variance, as that layout computed them.
     */
    public void readWindowed(StateReader in, int longWindow) {
        recentSum = in.readFinite("recentSum");
        double averageSum = in.readFinite("averageSum");
        double averageSquares = in.readFinite("averageSquares");
        in.readRing("recent", recent);
        var averages = new DoubleRing(longWindow);
        in.readRing("averages", averages);
        history = averages.size();
        mean = history == 0 ? 0 : averageSum / history;
        variance = history == 0 ? 0 : Math.max(0, averageSquares / history - mean * mean);
    }
}
