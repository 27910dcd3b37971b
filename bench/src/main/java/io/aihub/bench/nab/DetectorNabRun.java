package io.aihub.bench.nab;

import io.aihub.topology.anomaly.detect.Detector;
import io.aihub.topology.anomaly.detect.Scored;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs one of our streaming detectors over a NAB corpus as NAB runs a detector: a fresh detector per series, every row
 * in file order, score-then-learn ({@link Detector#update}), at the default sensitivity. Each row's score (standard
 * deviations from expected, {@code >= 0}) becomes NAB's anomaly score by one fixed, strictly monotone mapping,
 * {@link #anomalyScore(double)}.
 *
 * <p>NAB chooses the best threshold itself, so the mapping matters only through ties: a strictly increasing map that
 * does not saturate in double precision keeps every distinction the detector makes.
 */
public final class DetectorNabRun {

    /** The score that maps to anomaly score 0.5: the default sensitivity. */
    public static final double HALF_SCORE = 3.0;

    private final Supplier<Detector> detectors;
    private final double sensitivity;

    /**
     * @param detectors a new detector with no history, one per series
     * @param sensitivity the sensitivity passed with each reading (it matters to a detector that suppresses repeats)
     */
    public DetectorNabRun(Supplier<Detector> detectors, double sensitivity) {
        this.detectors = detectors;
        this.sensitivity = sensitivity;
    }

    /**
     * NAB's anomaly score of our score: {@code score / (score + 3)}. Strictly increasing, 0 at 0, 0.5 at the default
     * sensitivity 3, 0.75 at 9, and distinct for every score up to {@link Scored#MAX_SCORE}.
     */
    public static double anomalyScore(double score) {
        return score / (score + HALF_SCORE);
    }

    /** Anomaly scores in [0, 1], one per row, from a fresh detector. */
    public double[] score(NabSeries series) {
        Detector detector = detectors.get();
        double[] scores = new double[series.size()];
        for (int i = 0; i < scores.length; i++) {
            Scored scored = detector.update(series.timestampMillis(i), series.value(i), sensitivity);
            scores[i] = anomalyScore(scored.score());
        }
        return scores;
    }

    /** Anomaly scores for every series of a corpus, keyed by relative path. */
    public Map<String, double[]> score(NabCorpus corpus) {
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (NabSeries series : corpus.series()) {
            scores.put(series.relativePath(), score(series));
        }
        return scores;
    }
}
