package io.aihub.topology.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ForecastRequestTest {

    private static final Instant ISSUE = Instant.parse("2025-10-01T12:00:00Z");

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 169, 1000})
    void shouldRejectAHorizonOutside1To168Hours(int hours) {
        assertThatThrownBy(() -> new ForecastRequest(ForecastType.LOAD, ISSUE, hours, 60))
                .isInstanceOfSatisfying(ForecastValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("horizon_hours");
                    assertThat(e).hasMessage("horizon_hours: must be in 1..168, was " + hours);
                });
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 14, 1441})
    void shouldRejectAnIntervalOutside15To1440Minutes(int minutes) {
        assertThatThrownBy(() -> new ForecastRequest(ForecastType.PRICE, ISSUE, 24, minutes))
                .isInstanceOfSatisfying(ForecastValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("interval_minutes");
                    assertThat(e).hasMessage("interval_minutes: must be in 15..1440, was " + minutes);
                });
    }

    @ParameterizedTest
    @CsvSource({"1,60,1", "1,15,4", "168,60,168", "168,15,672", "24,1440,1", "1,1440,1", "25,1440,1", "48,1440,2"})
    void shouldCountTheStepsOfAHorizon(int hours, int minutes, int steps) {
        var request = new ForecastRequest(ForecastType.LOAD, ISSUE, hours, minutes);

        assertThat(request.steps()).isEqualTo(steps);
        assertThat(request.targetTime(request.steps())).isEqualTo(ISSUE.plusSeconds(60L * minutes * steps));
    }

    @Test
    void shouldKnowTheThreeForecastTypes() {
        assertThat(ForecastType.of("load")).isEqualTo(ForecastType.LOAD);
        assertThat(ForecastType.of("generation")).isEqualTo(ForecastType.GENERATION);
        assertThat(ForecastType.of("price")).isEqualTo(ForecastType.PRICE);
        assertThatThrownBy(() -> ForecastType.of("weather"))
                .isInstanceOfSatisfying(
                        ForecastValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("forecast_type"));
    }

    @Test
    void shouldRejectUnorderedQuantiles() {
        assertThatThrownBy(() -> new ForecastPoint(ISSUE, 2, 1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ForecastPoint(ISSUE, Double.NaN, 1, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
