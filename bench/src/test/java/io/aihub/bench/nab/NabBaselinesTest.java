package io.aihub.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** NAB's normalisation anchors: a perfect detector scores 100 on every profile, the null detector 0. */
class NabBaselinesTest {

    @Test
    void shouldScoreAPerfectDetector100AndTheNullDetector0OnNabDev() {
        assumeTrue(NabFixtures.nabDevPresent(), "shared/data/nab-dev not found (set -Daihub.nab.dev=DIR)");
        NabScorer scorer = new NabScorer(NabFixtures.loadNabDev());

        NabResult perfect = scorer.score("perfect", perfectScores(scorer.corpus()));
        NabResult nothing = scorer.score("null", constantScores(scorer.corpus(), 0.0));

        for (NabProfile profile : NabProfile.values()) {
            assertThat(perfect.normalized(profile)).as(profile.key()).isEqualTo(100.0);
            assertThat(perfect.profile(profile).rawScore()).isEqualTo(25 * profile.tpWeight());
            assertThat(nothing.normalized(profile)).as(profile.key()).isEqualTo(0.0);
            assertThat(nothing.profile(profile).rawScore()).isEqualTo(-25 * profile.fnWeight());
            assertThat(scorer.nullScore(profile)).isEqualTo(-25 * profile.fnWeight());
        }
    }

    @Test
    void shouldScoreAPerfectDetector100AndTheNullDetector0OnSyntheticSeries() {
        NabCorpus corpus = new NabCorpus(List.of(
                NabFixtures.series("synthetic", "a.csv", 1000, new int[] {300, 399}, new int[] {700, 719}),
                NabFixtures.series("synthetic", "b.csv", 200, new int[] {150, 160}),
                NabFixtures.series("synthetic", "c.csv", 300)));
        NabScorer scorer = new NabScorer(corpus);

        NabResult perfect = scorer.score("perfect", perfectScores(corpus));
        NabResult constant = scorer.score("constant", constantScores(corpus, NabScorer.NULL_DETECTOR_SCORE));

        for (NabProfile profile : NabProfile.values()) {
            assertThat(perfect.normalized(profile)).isEqualTo(100.0);
            assertThat(constant.normalized(profile)).isEqualTo(0.0);
        }
    }

    private static Map<String, double[]> perfectScores(NabCorpus corpus) {
        Map<String, double[]> scores = new HashMap<>();
        for (NabSeries series : corpus.series()) {
            double[] s = new double[series.size()];
            for (int k = 0; k < series.windows().size(); k++) {
                s[series.windowStartRow(k)] = 1.0;
            }
            scores.put(series.relativePath(), s);
        }
        return scores;
    }

    private static Map<String, double[]> constantScores(NabCorpus corpus, double value) {
        Map<String, double[]> scores = new HashMap<>();
        for (NabSeries series : corpus.series()) {
            double[] s = new double[series.size()];
            Arrays.fill(s, value);
            scores.put(series.relativePath(), s);
        }
        return scores;
    }
}
