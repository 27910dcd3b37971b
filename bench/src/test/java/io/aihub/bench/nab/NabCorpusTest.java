package io.aihub.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NabCorpusTest {

    @TempDir
    Path dir;

    @Test
    void shouldLoadTheThirteenNabDevSeriesWithTheirWindowsAndLabels() {
        assumeTrue(NabFixtures.nabDevPresent(), "shared/data/nab-dev not found (set -Daihub.nab.dev=DIR)");

        NabCorpus corpus = NabFixtures.loadNabDev();

        assertThat(corpus.series())
                .extracting(NabSeries::relativePath)
                .containsExactly(
                        "artificialWithAnomaly/art_daily_flatmiddle.csv",
                        "artificialWithAnomaly/art_daily_jumpsdown.csv",
                        "artificialWithAnomaly/art_daily_jumpsup.csv",
                        "artificialWithAnomaly/art_daily_nojump.csv",
                        "artificialWithAnomaly/art_increase_spike_density.csv",
                        "artificialWithAnomaly/art_load_balancer_spikes.csv",
                        "realKnownCause/ambient_temperature_system_failure.csv",
                        "realKnownCause/cpu_utilization_asg_misconfiguration.csv",
                        "realKnownCause/ec2_request_latency_system_failure.csv",
                        "realKnownCause/machine_temperature_system_failure.csv",
                        "realKnownCause/nyc_taxi.csv",
                        "realKnownCause/rogue_agent_key_hold.csv",
                        "realKnownCause/rogue_agent_key_updown.csv");
        assertThat(corpus.series())
                .extracting(NabSeries::size)
                .containsExactly(4032, 4032, 4032, 4032, 4032, 4032, 7267, 18050, 4032, 22695, 10320, 1882, 5315);
        assertThat(corpus.windowCount()).isEqualTo(25);
        NabSeries taxi = corpus.find("realKnownCause/nyc_taxi.csv").orElseThrow();
        assertThat(taxi.timestamp(0)).isEqualTo(Instant.parse("2014-07-01T00:00:00Z"));
        assertThat(taxi.value(0)).isEqualTo(10844.0);
        assertThat(taxi.windows()).hasSize(5);
        assertThat(taxi.windows().getFirst())
                .isEqualTo(NabWindow.of(Instant.parse("2014-10-30T15:30:00Z"), Instant.parse("2014-11-03T22:30:00Z")));
        assertThat(taxi.timestamp(taxi.windowStartRow(0)))
                .isEqualTo(taxi.windows().getFirst().start());
        assertThat(taxi.labels()).hasSize(5);
        // NAB's label combiner drops windows that overlap the probation period: every window starts after it
        assertThat(corpus.series())
                .allSatisfy(s ->
                        assertThat(s.windowStartRow(0)).isGreaterThanOrEqualTo(NabScorer.probationLength(s.size())));
    }

    @Test
    void shouldNameTheMissingWindowsFile() throws IOException {
        writeData("realKnownCause", "a.csv");

        assertThatThrownBy(() -> NabCorpus.load(dir.resolve("data"), dir.resolve("nope.json")))
                .isInstanceOf(NabFormatException.class)
                .hasMessageContaining("nope.json does not exist");
    }

    @Test
    void shouldNameADataFileWithoutWindowsEntryAndAnEntryWithoutDataFile() throws IOException {
        writeData("realKnownCause", "a.csv");
        Files.writeString(dir.resolve("w1.json"), "{}");
        Files.writeString(dir.resolve("w2.json"), "{\"realKnownCause/a.csv\": [], \"realKnownCause/b.csv\": []}");

        assertThatThrownBy(() -> NabCorpus.load(dir.resolve("data"), dir.resolve("w1.json")))
                .isInstanceOf(NabFormatException.class)
                .hasMessageContaining("a.csv has no entry realKnownCause/a.csv in windows file");
        assertThatThrownBy(() -> NabCorpus.load(dir.resolve("data"), dir.resolve("w2.json")))
                .isInstanceOf(NabFormatException.class)
                .hasMessageContaining("has an entry for realKnownCause/b.csv but there is no data file");
    }

    @Test
    void shouldRefuseAWindowLimitThatIsNotARowOfTheFile() throws IOException {
        writeData("realKnownCause", "a.csv");
        Files.writeString(
                dir.resolve("w.json"),
                "{\"realKnownCause/a.csv\": [[\"2014-04-01 00:05:00.000000\", \"2014-04-01 00:07:00.000000\"]]}");

        assertThatThrownBy(() -> NabCorpus.load(dir.resolve("data"), dir.resolve("w.json")))
                .isInstanceOf(NabFormatException.class)
                .hasMessageContaining("a.csv")
                .hasMessageContaining("is not a timestamp of the file");
    }

    @Test
    void shouldNameTheLineOfAMalformedRow() throws IOException {
        Path file = writeData("realKnownCause", "a.csv");
        Files.writeString(file, "2014-04-01 00:15:00,oops\n", StandardOpenOption.APPEND);
        Files.writeString(dir.resolve("w.json"), "{\"realKnownCause/a.csv\": []}");

        assertThatThrownBy(() -> NabCorpus.load(dir.resolve("data"), dir.resolve("w.json")))
                .isInstanceOf(NabFormatException.class)
                .hasMessageContaining("a.csv line 5 is malformed");
    }

    private Path writeData(String category, String name) throws IOException {
        Path file = dir.resolve("data").resolve(category).resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(
                file, "timestamp,value\n2014-04-01 00:00:00,1.0\n2014-04-01 00:05:00,2.0\n2014-04-01 00:10:00,3.5\n");
        return file;
    }
}
