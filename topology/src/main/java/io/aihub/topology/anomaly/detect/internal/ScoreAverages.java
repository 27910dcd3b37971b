package io.aihub.topology.anomaly.detect.internal;

/**
 * The rarity of the recent average of a stream of scores: the average of the last {@code shortWindow} scores, compared
 * with the distribution (mean and standard deviation) of that average over the last {@code longWindow} readings. In
 * the spirit of Numenta's anomaly likelihood (Ahmad et al., "Unsupervised real-time anomaly detection for streaming
 * data", Neurocomputing 2017): a burst of moderately high scores, or one very high score, moves the recent average far
 * above its usual values, while the scattered high scores of a noisy series do not.
 *
 * <p>Score-then-learn: {@link #deviate(double)} compares the recent average (the new score included) with the averages
 * before it, then {@link #learn()} adds that average to the long window. Running sums are kept (and stored) rather than
 * recomputed, so a restored instance continues bit for bit. Allocation-free.
 */
public final class ScoreAverages {

    /** The smallest standard deviation of the averages: a constant history does not make every change infinite. */
    public static final double MIN_STD = 0.1;

    private final DoubleRing recent;
    private final DoubleRing averages;
    private double recentSum;
    private double averageSum;
    private double averageSquares;
    private double pending = Double.NaN;

    public ScoreAverages(int shortWindow, int longWindow) {
        recent = new DoubleRing(shortWindow);
        averages = new DoubleRing(longWindow);
    }

    /** How many averages the long window holds. */
    public int history() {
        return averages.size();
    }

    /**
     * Adds a score to the short window and returns how many standard deviations the recent average now lies above the
     * mean of the earlier averages ({@code >= 0}); call {@link #learn()} next.
     */
    public double deviate(double score) {
        double evicted = recent.add(score);
        recentSum += score - (Double.isNaN(evicted) ? 0 : evicted);
        pending = recentSum / recent.size();
        if (averages.size() == 0) {
            return 0;
        }
        double mean = mean();
        return Math.max(0, (pending - mean) / std(mean));
    }

    /** The average of the short window, after the last {@link #deviate}. */
    public double recentAverage() {
        return pending;
    }

    /** The mean of the long window's averages (NaN when empty). */
    public double mean() {
        return averageSum / averages.size();
    }

    /** The standard deviation of the long window's averages, at least {@link #MIN_STD}. */
    public double std(double mean) {
        double variance = averageSquares / averages.size() - mean * mean;
        return Math.max(MIN_STD, Math.sqrt(Math.max(0, variance)));
    }

    /** Adds the recent average of the last {@link #deviate} to the long window. */
    public void learn() {
        double evicted = averages.add(pending);
        if (!Double.isNaN(evicted)) {
            averageSum -= evicted;
            averageSquares -= evicted * evicted;
        }
        averageSum += pending;
        averageSquares += pending * pending;
    }

    public void write(StateWriter out) {
        out.writeDouble(recentSum)
                .writeDouble(averageSum)
                .writeDouble(averageSquares)
                .writeRing(recent)
                .writeRing(averages);
    }

    public void read(StateReader in) {
        recentSum = in.readFinite("recentSum");
        averageSum = in.readFinite("averageSum");
        averageSquares = in.readFinite("averageSquares");
        in.readRing("recent", recent);
        in.readRing("averages", averages);
    }

    /** The stored size: {@code 40 + 8 * (shortWindow + longWindow)} bytes. */
    public static int bytes(int shortWindow, int longWindow) {
        return 3 * 8 + 2 * 8 + 8 * (shortWindow + longWindow);
    }
}
