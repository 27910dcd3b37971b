package io.aihub.bench.nab;

import static io.aihub.bench.nab.NabFixtures.only;
import static io.aihub.bench.nab.NabFixtures.scores;
import static io.aihub.bench.nab.NabFixtures.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * NAB's row-level rules on hand-computed cases. The series has 100 rows, so NAB's probation period is its first
 * floor(0.15 * 100) = 15 rows, and one window on rows 40..49 (width 10). Expected numbers come from NAB's formulas:
 * S(y) = 2 / (1 + e^(5y)) - 1; a detection in the window scores tp * S(-(49 - i + 1) / 10) / S(-1); one after it
 * fp * S((i - 49) / 9); one before any window -fp; a window without detection -fn.
 */
class NabScorerTest {

    private static final double EPS = 1e-12;
    private static final int ROWS = 100;
    private final NabSeries series = series("synthetic", "one_window.csv", ROWS, new int[] {40, 49});
    private final NabScorer scorer = new NabScorer(new NabCorpus(List.of(series)));

    @Test
    void shouldFollowNabsScaledSigmoid() {
        assertThat(NabScorer.scaledSigmoid(-1.0)).isEqualTo(0.9866142981514305);
        assertThat(NabScorer.scaledSigmoid(-0.5)).isCloseTo(0.8482836399575131, within(EPS));
        assertThat(NabScorer.scaledSigmoid(0.0)).isEqualTo(0.0);
        assertThat(NabScorer.scaledSigmoid(1.0)).isCloseTo(-0.9866142981514303, within(EPS));
        // NAB: "if relativePositionInWindow > 3.0: val = -1.0", strictly greater
        assertThat(NabScorer.scaledSigmoid(3.0)).isCloseTo(-0.9999993881955461, within(EPS));
        assertThat(NabScorer.scaledSigmoid(3.0000001)).isEqualTo(-1.0);
    }

    @Test
    void shouldLeaveMin15PercentOr750RowsUnscored() {
        assertThat(NabScorer.probationLength(100)).isEqualTo(15);
        assertThat(NabScorer.probationLength(4032)).isEqualTo(604);
        assertThat(NabScorer.probationLength(5000)).isEqualTo(750);
        assertThat(NabScorer.probationLength(22695)).isEqualTo(750);
    }

    @Test
    void shouldIgnoreADetectionInTheProbationPeriod() {
        NabProfileResult inProbation =
                scorer.scoreAt(only(series, scores(ROWS, Map.of(14, 1.0))), NabProfile.STANDARD, 0.5);
        NabProfileResult firstScoredRow =
                scorer.scoreAt(only(series, scores(ROWS, Map.of(15, 1.0))), NabProfile.STANDARD, 0.5);

        assertThat(inProbation.rawScore()).isEqualTo(-1.0);
        assertThat(inProbation.counts()).isEqualTo(new NabCounts(0, 75, 0, 10));
        assertThat(firstScoredRow.rawScore()).isCloseTo(-1.11, within(EPS));
        assertThat(firstScoredRow.counts()).isEqualTo(new NabCounts(0, 74, 1, 10));
    }

    @Test
    void shouldScoreFullTpWeightForADetectionOnTheFirstRowOfAWindow() {
        NabProfileResult result = scorer.scoreAt(only(series, scores(ROWS, Map.of(40, 1.0))), NabProfile.STANDARD, 1.0);

        assertThat(result.rawScore()).isEqualTo(1.0);
        assertThat(result.counts()).isEqualTo(new NabCounts(1, 75, 0, 9));
    }

    @Test
    void shouldScoreOnlyTheEarliestDetectionOfAWindow() {
        double middle = scorer.scoreAt(only(series, scores(ROWS, Map.of(45, 1.0))), NabProfile.STANDARD, 0.5)
                .rawScore();
        NabProfileResult twice =
                scorer.scoreAt(only(series, scores(ROWS, Map.of(45, 0.7, 47, 0.9))), NabProfile.STANDARD, 0.5);
        double late = scorer.scoreAt(only(series, scores(ROWS, Map.of(47, 1.0))), NabProfile.STANDARD, 0.5)
                .rawScore();

        assertThat(middle).isCloseTo(0.8597925669097837, within(EPS));
        assertThat(late).isCloseTo(0.6437662150014791, within(EPS));
        assertThat(twice.rawScore()).isEqualTo(middle);
        assertThat(twice.counts()).isEqualTo(new NabCounts(2, 75, 0, 8));
    }

    @Test
    void shouldScaleAFalsePositiveByItsDistanceFromThePreviousWindow() {
        double rightAfter = scorer.scoreAt(
                        only(series, scores(ROWS, Map.of(40, 1.0, 50, 1.0))), NabProfile.STANDARD, 1.0)
                .rawScore();
        double farAfter = scorer.scoreAt(only(series, scores(ROWS, Map.of(40, 1.0, 80, 1.0))), NabProfile.STANDARD, 1.0)
                .rawScore();
        double rightAfterLowFp = scorer.scoreAt(
                        only(series, scores(ROWS, Map.of(40, 1.0, 50, 1.0))), NabProfile.REWARD_LOW_FP, 1.0)
                .rawScore();

        // S(1/9) * 0.11: a detection one row late costs 0.03, one more than 3 widths late the full fp weight
        assertThat(rightAfter).isCloseTo(1.0 - 0.029793183036839352, within(EPS));
        assertThat(rightAfterLowFp).isCloseTo(1.0 - 0.059586366073678704, within(EPS));
        assertThat(farAfter).isCloseTo(1.0 - 0.11, within(EPS));
    }

    @Test
    void shouldChargeTheFullFpWeightForADetectionBeforeAnyWindowPlusTheMissedWindow() {
        Map<String, double[]> early = only(series, scores(ROWS, Map.of(20, 1.0)));

        assertThat(scorer.scoreAt(early, NabProfile.STANDARD, 0.5).rawScore()).isCloseTo(-1.11, within(EPS));
        assertThat(scorer.scoreAt(early, NabProfile.REWARD_LOW_FP, 0.5).rawScore())
                .isCloseTo(-1.22, within(EPS));
        assertThat(scorer.scoreAt(early, NabProfile.REWARD_LOW_FN, 0.5).rawScore())
                .isCloseTo(-2.11, within(EPS));
    }

    @Test
    void shouldSweepEveryDistinctScoreAndPickTheBestThreshold() {
        Map<String, double[]> detector = only(series, scores(ROWS, Map.of(40, 0.9, 80, 0.95, 20, 0.3)));

        List<NabThresholdScore> sweep = scorer.sweep(detector, NabProfile.STANDARD);
        NabProfileResult result = scorer.score(detector, NabProfile.STANDARD);

        assertThat(sweep).hasSize(5);
        assertThat(sweep.subList(0, 4))
                .usingRecursiveFieldByFieldElementComparatorOnFields("threshold", "counts")
                .containsExactly(
                        new NabThresholdScore(1.1, -1.0, new NabCounts(0, 75, 0, 10)),
                        new NabThresholdScore(0.95, -1.11, new NabCounts(0, 74, 1, 10)),
                        new NabThresholdScore(0.9, 0.89, new NabCounts(1, 74, 1, 9)),
                        new NabThresholdScore(0.3, 0.78, new NabCounts(1, 73, 2, 9)));
        assertThat(sweep.get(1).score()).isCloseTo(-1.11, within(EPS));
        assertThat(sweep.get(2).score()).isCloseTo(0.89, within(EPS));
        assertThat(sweep.get(3).score()).isCloseTo(0.78, within(EPS));
        assertThat(sweep.get(4).threshold()).isEqualTo(0.0);
        assertThat(sweep.get(4).counts()).isEqualTo(new NabCounts(10, 0, 75, 0));
        assertThat(result.threshold()).isEqualTo(0.9);
        assertThat(result.rawScore()).isCloseTo(0.89, within(EPS));
        // null detector: nothing detected (-1) beats everything detected; perfect: one window
        assertThat(result.nullScore()).isEqualTo(-1.0);
        assertThat(result.perfectScore()).isEqualTo(1.0);
        assertThat(result.normalizedScore()).isCloseTo(94.5, within(1e-9));
    }

    @Test
    void shouldPickOneThresholdForTheWholeCorpus() {
        NabSeries other = series("synthetic", "other.csv", ROWS, new int[] {60, 69});
        NabScorer twoFiles = new NabScorer(new NabCorpus(List.of(series, other)));
        // file 1's window is found at 0.9 only; file 2's at 0.6, where file 1 also has a false positive
        Map<String, double[]> detector = Map.of(
                series.relativePath(), scores(ROWS, Map.of(40, 0.9, 90, 0.6)),
                other.relativePath(), scores(ROWS, Map.of(60, 0.6)));

        NabProfileResult result = twoFiles.score(detector, NabProfile.STANDARD);

        assertThat(result.threshold()).isEqualTo(0.6);
        assertThat(result.rawScore()).isCloseTo(2.0 - 0.11, within(EPS));
        assertThat(result.files())
                .extracting(NabFileScore::relativePath)
                .containsExactly("synthetic/one_window.csv", "synthetic/other.csv");
        assertThat(result.files().get(0).score()).isCloseTo(0.89, within(EPS));
        assertThat(result.files().get(1).score()).isEqualTo(1.0);
        assertThat(result.normalizedScore()).isCloseTo(100 * (1.89 + 2) / 4, within(1e-9));
    }

    @Test
    void shouldScoreEveryProfileWithItsOwnWeights() {
        NabResult result = scorer.score("oneFp", only(series, scores(ROWS, Map.of(20, 1.0, 45, 0.8))));

        // best: both detections (the TP outweighs the early FP); null -fn, perfect tp
        double tp45 = 0.8597925669097837;
        assertThat(result.normalized(NabProfile.STANDARD)).isCloseTo(100 * (tp45 - 0.11 + 1) / 2, within(1e-9));
        assertThat(result.normalized(NabProfile.REWARD_LOW_FP)).isCloseTo(100 * (tp45 - 0.22 + 1) / 2, within(1e-9));
        assertThat(result.normalized(NabProfile.REWARD_LOW_FN)).isCloseTo(100 * (tp45 - 0.11 + 2) / 3, within(1e-9));
        assertThat(result.jsonFields())
                .containsEntry("detector", "oneFp")
                .containsEntry("series", 1)
                .containsEntry("windows", 1)
                .containsKeys("standard", "reward_low_fp", "reward_low_fn", "threshold", "raw", "null", "perfect");
    }

    @Test
    void shouldRefuseScoresOutsideTheUnitIntervalOrOfTheWrongLength() {
        assertThatThrownBy(() -> scorer.score("bad", only(series, scores(ROWS, Map.of(3, 1.5)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("synthetic/one_window.csv row 3");
        assertThatThrownBy(() -> scorer.score("short", only(series, new double[ROWS - 1])))
                .hasMessageContaining("100 rows but 99 anomaly scores");
        assertThatThrownBy(() -> scorer.score("none", Map.of())).hasMessageContaining("no anomaly scores for");
    }
}
