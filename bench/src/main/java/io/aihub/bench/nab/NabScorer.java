package io.aihub.bench.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores one detector's anomaly scores on a {@link NabCorpus} the way NAB v1.1 does ({@code python run.py -d X
 * --optimize --score --normalize}):
 *
 * <ol>
 *   <li>optimize ({@code nab/optimizer.py}): per profile, one sweep over the scored rows of all files together gives
 *       the raw score at every distinct anomaly score; the threshold with the highest score is kept;
 *   <li>score ({@code nab/scorer.py}): each file is swept alone and its row at that threshold taken; the raw score is
 *       the sum of the files' scores;
 *   <li>normalize ({@code nab/runner.py}): {@code 100 * (raw - null) / (perfect - null)}, where {@code null} is the
 *       raw score of NAB's null detector (a constant 0.5, optimized and scored the same way) and {@code perfect} the
 *       number of windows times the profile's tp weight.
 * </ol>
 *
 * The first {@code min(floor(0.15 * rows), 750)} rows of each file are NAB's probation period and are not scored. The
 * row-level rules are in {@link NabSweep}. Results are deterministic.
 */
public final class NabScorer {

    /** NAB's {@code Runner.probationaryPercent}. */
    public static final double PROBATION_PERCENT = 0.15;
    /** The constant anomaly score of NAB's null detector ({@code nab/detectors/null/null_detector.py}). */
    public static final double NULL_DETECTOR_SCORE = 0.5;

    private final NabCorpus corpus;
    private final List<NabSweep.Rows> rows;
    private final int[] windowOffsets;
    private final int windowCount;
    private final Map<NabProfile, NabProfileResult> nullResults = new EnumMap<>(NabProfile.class);

    public NabScorer(NabCorpus corpus) {
        this(corpus, PROBATION_PERCENT);
    }

    /** A scorer with another probation percentage than NAB's 0.15 (NAB's own unit tests use 0). */
    public NabScorer(NabCorpus corpus, double probationPercent) {
        if (!(probationPercent >= 0 && probationPercent < 1)) {
            throw new IllegalArgumentException("probation percent must be in [0, 1), got " + probationPercent);
        }
        this.corpus = corpus;
        this.rows = corpus.series().stream()
                .map(s -> NabSweep.rows(s, probationPercent))
                .toList();
        this.windowOffsets = new int[corpus.series().size()];
        int offset = 0;
        for (int f = 0; f < windowOffsets.length; f++) {
            windowOffsets[f] = offset;
            offset += corpus.series().get(f).windows().size();
        }
        this.windowCount = offset;
        if (windowCount == 0) {
            throw new IllegalArgumentException(
                    "a NAB corpus without windows cannot be normalised (perfect = null = 0)");
        }
        Map<String, double[]> nullScores = new HashMap<>();
        for (NabSeries series : corpus.series()) {
            double[] constant = new double[series.size()];
            Arrays.fill(constant, NULL_DETECTOR_SCORE);
            nullScores.put(series.relativePath(), constant);
        }
        List<double[]> nullPerFile = inCorpusOrder(nullScores);
        for (NabProfile profile : NabProfile.values()) {
            double threshold = NabSweep.best(sweep(nullPerFile, profile)).threshold();
            nullResults.put(profile, raw(nullPerFile, profile, threshold));
        }
    }

    public NabCorpus corpus() {
        return corpus;
    }

    /**
     * Scores a detector on every profile. {@code anomalyScores} maps each series' relative path
     * ({@code category/file.csv}) to one score in [0, 1] per row; every series of the corpus must be there.
     */
    public NabResult score(String detector, Map<String, double[]> anomalyScores) {
        List<double[]> perFile = inCorpusOrder(anomalyScores);
        List<NabProfileResult> results = new ArrayList<>();
        for (NabProfile profile : NabProfile.values()) {
            double threshold = NabSweep.best(sweep(perFile, profile)).threshold();
            results.add(normalised(raw(perFile, profile, threshold)));
        }
        return new NabResult(detector, corpus.series().size(), windowCount, results);
    }

    /** NAB's optimizer for one profile: the best threshold over the whole corpus, then the scores at it. */
    public NabProfileResult score(Map<String, double[]> anomalyScores, NabProfile profile) {
        List<double[]> perFile = inCorpusOrder(anomalyScores);
        double threshold = NabSweep.best(sweep(perFile, profile)).threshold();
        return normalised(raw(perFile, profile, threshold));
    }

    /** The scores at a given threshold (NAB's {@code run.py --score} with a thresholds file), without optimizing. */
    public NabProfileResult scoreAt(Map<String, double[]> anomalyScores, NabProfile profile, double threshold) {
        return normalised(raw(inCorpusOrder(anomalyScores), profile, threshold));
    }

    /**
     * NAB's whole-corpus sweep for one profile: the raw score and counts at 1.1 (no detection), then at every distinct
     * anomaly score from the highest down.
     */
    public List<NabThresholdScore> sweep(Map<String, double[]> anomalyScores, NabProfile profile) {
        return sweep(inCorpusOrder(anomalyScores), profile);
    }

    /** The raw score of NAB's null detector (constant 0.5) on this corpus, at its own best threshold. */
    public double nullScore(NabProfile profile) {
        return nullResults.get(profile).rawScore();
    }

    /** The raw score of a perfect detector: the number of windows times the profile's tp weight. */
    public double perfectScore(NabProfile profile) {
        return windowCount * profile.tpWeight();
    }

    /** NAB's scaled sigmoid {@code 2 * sigmoid(-5 * y) - 1}, and -1 for {@code y > 3}. */
    public static double scaledSigmoid(double relativePosition) {
        return NabSweep.scaledSigmoid(relativePosition);
    }

    /** The number of leading rows NAB leaves unscored: {@code min(floor(0.15 * rows), 750)}. */
    public static int probationLength(int rows) {
        return (int) Math.ceil(NabSweep.probationaryLength(rows, PROBATION_PERCENT));
    }

    private List<NabThresholdScore> sweep(List<double[]> perFile, NabProfile profile) {
        return NabSweep.scoreByThreshold(
                NabSweep.Points.of(rows, perFile, windowOffsets, windowCount, profile), profile);
    }

    /** NAB's scoring step: each file swept alone, its row at {@code threshold}, summed in corpus order. */
    private NabProfileResult raw(List<double[]> perFile, NabProfile profile, double threshold) {
        List<NabFileScore> files = new ArrayList<>(rows.size());
        double total = 0;
        NabCounts counts = NabCounts.ZERO;
        for (int f = 0; f < rows.size(); f++) {
            NabSweep.Points points = NabSweep.Points.of(
                    List.of(rows.get(f)),
                    List.of(perFile.get(f)),
                    new int[] {0},
                    rows.get(f).windowCount(),
                    profile);
            NabThresholdScore row = NabSweep.at(NabSweep.scoreByThreshold(points, profile), threshold);
            NabSeries series = corpus.series().get(f);
            files.add(new NabFileScore(series.relativePath(), row.score(), row.counts(), series.size()));
            total += row.score();
            counts = counts.plus(row.counts());
        }
        return new NabProfileResult(
                profile, threshold, total, Double.NaN, perfectScore(profile), Double.NaN, counts, files);
    }

    private NabProfileResult normalised(NabProfileResult raw) {
        double nullScore = nullScore(raw.profile());
        double perfect = perfectScore(raw.profile());
        double normalised = 100 * (raw.rawScore() - nullScore) / (perfect - nullScore);
        return new NabProfileResult(
                raw.profile(),
                raw.threshold(),
                raw.rawScore(),
                nullScore,
                perfect,
                normalised,
                raw.counts(),
                raw.files());
    }

    private List<double[]> inCorpusOrder(Map<String, double[]> anomalyScores) {
        Set<String> unknown = new HashSet<>(anomalyScores.keySet());
        List<double[]> perFile = new ArrayList<>(corpus.series().size());
        for (NabSeries series : corpus.series()) {
            double[] scores = anomalyScores.get(series.relativePath());
            if (scores == null) {
                throw new IllegalArgumentException("no anomaly scores for " + series.relativePath());
            }
            if (scores.length != series.size()) {
                throw new IllegalArgumentException(series.relativePath() + " has " + series.size() + " rows but "
                        + scores.length + " anomaly scores");
            }
            double[] checked = new double[scores.length];
            for (int i = 0; i < scores.length; i++) {
                if (!(scores[i] >= 0 && scores[i] <= 1)) {
                    throw new IllegalArgumentException(series.relativePath() + " row " + i + " (" + series.timestamp(i)
                            + "): anomaly score " + scores[i] + " is not in [0, 1]");
                }
                checked[i] = scores[i] + 0.0; // -0.0 sorts as 0.0, as in Python
            }
            perFile.add(checked);
            unknown.remove(series.relativePath());
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("anomaly scores for series not in the corpus: " + unknown);
        }
        return perFile;
    }
}
