package io.aihub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.bench.internal.Flags;
import io.aihub.topology.models.SeasonalProfileModel;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The registry harness's command line and swap readings; no app is started, nothing is timed. */
class RegistryBenchTest {

    private static final double SENSITIVITY = 3.0;

    @Test
    void shouldUseTheDocumentedDefaults() {
        var options = RegistryBench.Options.from(Flags.parse("registry", new String[0]));

        assertThat(options.cases()).containsExactly("register", "get", "list", "promote_to_stream");
        assertThat(options.models()).isEqualTo(200);
        assertThat(options.artifactKb()).isZero();
        assertThat(options.gets()).isEqualTo(20_000);
        assertThat(options.swaps()).isEqualTo(20);
        assertThat(options.readingInterval()).isEqualTo(Duration.ofMillis(20));
        assertThat(options.s3Endpoint()).isEmpty();
        assertThat(options.registers()).isTrue();
    }

    @Test
    void shouldReadFlagsAndSkipRegistrationsWhenOnlySwapsAreAsked() {
        var flags = Flags.parse("registry", new String[] {
            "--cases", "promote_to_stream", "--swaps", "5", "--reading-interval=50ms", "--artifact-kb", "64"
        });

        var options = RegistryBench.Options.from(flags);
        flags.rejectUnknown();

        assertThat(options.swaps()).isEqualTo(5);
        assertThat(options.readingInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(options.artifactKb()).isEqualTo(64);
        assertThat(options.registers()).isFalse();
    }

    @Test
    void shouldRejectBadFlags() {
        assertThatThrownBy(() -> RegistryBench.Options.from(Flags.parse("registry", new String[] {"--cases", "put"})))
                .isInstanceOf(Flags.UsageException.class)
                .hasMessageContaining("--cases");
        assertThatThrownBy(() -> RegistryBench.Options.from(Flags.parse("registry", new String[] {"--swaps", "0"})))
                .isInstanceOf(Flags.UsageException.class);
        assertThatThrownBy(
                        () -> RegistryBench.Options.from(Flags.parse("registry", new String[] {"--artifact-kb", "-1"})))
                .isInstanceOf(Flags.UsageException.class);
        var flags = Flags.parse("registry", new String[] {"--model", "3"});
        RegistryBench.Options.from(flags);
        assertThatThrownBy(flags::rejectUnknown).hasMessageContaining("unknown flag --model");
    }

    @Test
    void shouldSendReadingsOnlyTheNewlyPromotedVersionFlagsAtEveryHourOfTheWeek() {
        var low = RegistryBench.profileAround(RegistryBench.LOW);
        var high = RegistryBench.profileAround(RegistryBench.HIGH);
        long monday = Instant.parse("2026-11-23T00:00:00Z").toEpochMilli();

        for (int hour = 0; hour < SeasonalProfileModel.HOURS_PER_WEEK; hour++) {
            long t = monday + hour * 3_600_000L;
            int h = SeasonalProfileModel.hourOfWeek(t);

            double toHigh = RegistryBench.readingValue(t, low, high, SENSITIVITY);
            assertThat(Math.abs(low.robustZ(h, toHigh))).isLessThan(SENSITIVITY);
            assertThat(Math.abs(high.robustZ(h, toHigh))).isGreaterThanOrEqualTo(SENSITIVITY);

            double toLow = RegistryBench.readingValue(t, high, low, SENSITIVITY);
            assertThat(Math.abs(high.robustZ(h, toLow))).isLessThan(SENSITIVITY);
            assertThat(Math.abs(low.robustZ(h, toLow))).isGreaterThanOrEqualTo(SENSITIVITY);
        }
    }

    @Test
    void shouldNameSwapVersionsByRound() {
        assertThat(RegistryBench.swapId(0)).isEqualTo("bench:bench-swap:v1.0.0");
        assertThat(RegistryBench.swapId(12)).isEqualTo("bench:bench-swap:v1.0.12");
    }
}
