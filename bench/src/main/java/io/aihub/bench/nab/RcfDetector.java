package io.aihub.bench.nab;

import com.amazon.randomcutforest.RandomCutForest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The NAB peer: Amazon's Random Cut Forest ({@code software.amazon.randomcutforest:randomcutforest-core}), streaming
 * over each series with a fresh forest: for each row, score the value, then add it to the forest (NAB's RCF entry also
 * reset the forest between files). RCF scores 0 until it has seen {@code outputAfter} rows (a quarter of the sample
 * size by default).
 *
 * <p>The score is mapped to [0, 1] as NAB's RCF entry ({@code nab/detectors/random_cut_forest/random_cut_forest.sql})
 * did: divided by {@code log2(sampleSize)} (8 for 256), which that entry gives as the top of RCF's score range; the
 * rare score above it is clipped to 1.
 */
public final class RcfDetector {

    /** The detector name of NAB's RCF entry, used for result files. */
    public static final String NAME = "randomCutForest";

    private final Settings settings;

    public RcfDetector(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * The forest's settings. {@code timeDecay} is RCF core's decay rate lambda; AWS's SQL function takes the number of
     * recent records instead, which is 1/lambda.
     */
    public record Settings(int numberOfTrees, int sampleSize, int shingleSize, double timeDecay, long randomSeed) {

        /** The seed used unless another is given. */
        public static final long DEFAULT_SEED = 42;

        public Settings {
            if (numberOfTrees < 1 || sampleSize < 2 || shingleSize < 1 || !(timeDecay >= 0)) {
                throw new IllegalArgumentException("bad RCF settings: trees " + numberOfTrees + ", sample size "
                        + sampleSize + ", shingle size " + shingleSize + ", time decay " + timeDecay);
            }
        }

        /**
         * randomcutforest-core's own defaults: 50 trees, sample size 256, shingle size 1, time decay
         * {@code 1 / (10 * sampleSize)}.
         */
        public static Settings libraryDefaults() {
            int sampleSize = RandomCutForest.DEFAULT_SAMPLE_SIZE;
            return new Settings(
                    RandomCutForest.DEFAULT_NUMBER_OF_TREES,
                    sampleSize,
                    RandomCutForest.DEFAULT_SHINGLE_SIZE,
                    1.0 / (RandomCutForest.DEFAULT_SAMPLE_SIZE_COEFFICIENT_IN_TIME_DECAY * sampleSize),
                    DEFAULT_SEED);
        }

        /**
         * The settings of NAB's scoreboard entry (AWS Kinesis Analytics {@code RANDOM_CUT_FOREST}, 2018): 100 trees,
         * sample size 256, shingle size 1, time decay over 100,000 records.
         */
        public static Settings nabEntry() {
            return new Settings(100, 256, 1, 1.0 / 100_000, DEFAULT_SEED);
        }

        public Settings withSeed(long seed) {
            return new Settings(numberOfTrees, sampleSize, shingleSize, timeDecay, seed);
        }

        /** {@code log2(sampleSize)}, the divisor that maps RCF's score to [0, 1]. */
        public double scoreScale() {
            return Math.log(sampleSize) / Math.log(2);
        }
    }

    /** Anomaly scores in [0, 1] for one series, one per value, from a fresh forest seeded with the settings' seed. */
    public double[] score(double[] values) {
        RandomCutForest forest = RandomCutForest.builder()
                .dimensions(settings.shingleSize())
                .shingleSize(settings.shingleSize())
                .internalShinglingEnabled(settings.shingleSize() > 1)
                .numberOfTrees(settings.numberOfTrees())
                .sampleSize(settings.sampleSize())
                .timeDecay(settings.timeDecay())
                .randomSeed(settings.randomSeed())
                .build();
        double scale = settings.scoreScale();
        double[] scores = new double[values.length];
        float[] point = new float[1];
        for (int i = 0; i < values.length; i++) {
            point[0] = (float) values[i];
            double raw = forest.getAnomalyScore(point);
            scores[i] = Math.min(1.0, Math.max(0.0, raw / scale));
            forest.update(point);
        }
        return scores;
    }

    /** Anomaly scores for every series of a corpus, keyed by relative path. */
    public Map<String, double[]> score(NabCorpus corpus) {
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (NabSeries series : corpus.series()) {
            scores.put(series.relativePath(), score(series.values()));
        }
        return scores;
    }
}
