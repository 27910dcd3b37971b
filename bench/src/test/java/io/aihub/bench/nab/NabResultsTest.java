package io.aihub.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NabResultsTest {

    @TempDir
    Path dir;

    private final NabSeries series = new NabSeries(
            "artificialWithAnomaly",
            "art_daily_flatmiddle.csv",
            new long[] {
                NabTimestamps.parse("2014-04-01 00:00:00"),
                NabTimestamps.parse("2014-04-01 00:05:00"),
                NabTimestamps.parse("2014-04-01 00:10:00"),
                NabTimestamps.parse("2014-04-01 00:15:00")
            },
            new double[] {-21.0483826823, 0.06453452400000001, 1e-5, 2.0},
            List.of(new NabWindow(
                    NabTimestamps.parse("2014-04-01 00:05:00"), NabTimestamps.parse("2014-04-01 00:10:00"))),
            List.of());

    @Test
    void shouldWriteNabsLayoutHeaderAndNumberFormatAndReadItBack() throws IOException {
        double[] scores = {0.0, 0.110236495915, 1e-5, 1.0};

        Path file = NabResults.write(dir, "randomCutForest", series, scores);

        assertThat(file)
                .isEqualTo(
                        dir.resolve("randomCutForest/artificialWithAnomaly/randomCutForest_art_daily_flatmiddle.csv"));
        assertThat(Files.readAllLines(file))
                .containsExactly(
                        "timestamp,value,anomaly_score,label",
                        "2014-04-01 00:00:00,-21.0483826823,0.0,0",
                        "2014-04-01 00:05:00,0.06453452400000001,0.110236495915,1",
                        "2014-04-01 00:10:00,1e-05,1e-05,1",
                        "2014-04-01 00:15:00,2.0,1.0,0");
        NabResultFile read = NabResults.read(file);
        assertThat(read.timestampMillis()).containsExactly(series.timestampMillis());
        assertThat(read.values()).containsExactly(series.values());
        assertThat(read.anomalyScores()).containsExactly(scores);
    }

    @Test
    void shouldWriteAWholeNumberValueColumnAsIntegersLikePandas() throws IOException {
        NabSeries counts = NabFixtures.series("realKnownCause", "nyc_taxi.csv", 3);

        Path file = NabResults.write(dir, "null", counts, new double[] {0.5, 0.5, 0.5});

        assertThat(Files.readAllLines(file)).element(1).isEqualTo("2014-04-01 00:00:00,0,0.5,0");
    }

    @Test
    void shouldReadBackAllScoresOfACorpusIncludingNabsOwnWiderFiles() throws IOException {
        NabCorpus corpus = new NabCorpus(List.of(series));
        NabResults.writeAll(dir, "mine", corpus, Map.of(series.relativePath(), new double[] {0.1, 0.2, 0.3, 0.4}));
        Path nabStyle = dir.resolve("nab/artificialWithAnomaly/nab_art_daily_flatmiddle.csv");
        Files.createDirectories(nabStyle.getParent());
        Files.writeString(nabStyle, """
                timestamp,value,anomaly_score,label,S(t)_reward_low_FP_rate,S(t)_reward_low_FN_rate,S(t)_standard
                2014-04-01 00:00:00,-21.0483826823,0.0,0,0.0,0.0,0.0
                2014-04-01 00:05:00,0.064534524,0.5,1,0.0,0.0,0.0
                2014-04-01 00:10:00,0.00001,0.0704044340442,1,0.0,0.0,0.0
                2014-04-01 00:15:00,2,0.25,0,0.0,0.0,0.0
                """);

        assertThat(NabResults.readAll(dir, "mine", corpus).get(series.relativePath()))
                .containsExactly(0.1, 0.2, 0.3, 0.4);
        assertThat(NabResults.readAll(dir, "nab", corpus).get(series.relativePath()))
                .containsExactly(0.0, 0.5, 0.0704044340442, 0.25);
        assertThatThrownBy(() -> NabResults.readAll(dir, "other", corpus))
                .isInstanceOf(NabFormatException.class)
                .hasMessageContaining("other_art_daily_flatmiddle.csv");
    }

    @Test
    void shouldFormatFloatsAsPythonsRepr() {
        assertThat(NabResults.pythonRepr(0.0)).isEqualTo("0.0");
        assertThat(NabResults.pythonRepr(1.0)).isEqualTo("1.0");
        assertThat(NabResults.pythonRepr(0.1)).isEqualTo("0.1");
        assertThat(NabResults.pythonRepr(1e-4)).isEqualTo("0.0001");
        assertThat(NabResults.pythonRepr(1.5e-7)).isEqualTo("1.5e-07");
        assertThat(NabResults.pythonRepr(123456789.125)).isEqualTo("123456789.125");
        assertThat(NabResults.pythonRepr(1e16)).isEqualTo("1e+16");
        assertThat(NabResults.pythonRepr(-2.5)).isEqualTo("-2.5");
    }
}
