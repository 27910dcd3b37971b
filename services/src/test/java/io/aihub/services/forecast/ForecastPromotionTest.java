package io.aihub.services.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.services.config.AihubProperties.ForecastPromotion;
import io.aihub.topology.forecast.ForecastAccuracy;
import org.junit.jupiter.api.Test;

class ForecastPromotionTest {

    @Test
    void shouldBeatOnlyWithALowerHeldBackMaeOrWhenTheIncumbentCannotForecast() {
        ForecastAccuracy good = accuracy(1.0);
        ForecastAccuracy worse = accuracy(2.0);
        ForecastAccuracy none = new ForecastAccuracy();

        assertThat(ForecastTrainingService.beats(good, worse)).isTrue();
        assertThat(ForecastTrainingService.beats(worse, good)).isFalse();
        assertThat(ForecastTrainingService.beats(good, accuracy(1.0))).isFalse();
        assertThat(ForecastTrainingService.beats(good, none)).isTrue();
        assertThat(ForecastTrainingService.beats(none, good)).isFalse();
    }

    @Test
    void shouldPromoteAsTheRuleSays() {
        assertThat(ForecastTrainingService.promotes(ForecastPromotion.IF_BETTER, true))
                .isTrue();
        assertThat(ForecastTrainingService.promotes(ForecastPromotion.IF_BETTER, false))
                .isFalse();
        assertThat(ForecastTrainingService.promotes(ForecastPromotion.ALWAYS, false))
                .isTrue();
        assertThat(ForecastTrainingService.promotes(ForecastPromotion.NEVER, true))
                .isFalse();
    }

    @Test
    void shouldNameModelsReadablyOnlyWhenUnambiguous() {
        assertThat(ForecastTrainingService.modelName("meter_7", "kw")).isEqualTo("forecast-meter_7-kw");
        assertThat(ForecastTrainingService.modelName("dev-1", "kw")).matches("forecast-[0-9a-f]{32}");
        assertThat(ForecastTrainingService.modelName("a-b", "c"))
                .isNotEqualTo(ForecastTrainingService.modelName("a", "b-c"));
        assertThat(ForecastTrainingService.modelName("46b68204", "system.cpuUsage"))
                .matches("forecast-[0-9a-f]{32}");
    }

    private static ForecastAccuracy accuracy(double absError) {
        var accuracy = new ForecastAccuracy();
        accuracy.add(0, 10, 20, 10 + absError);
        return accuracy;
    }
}
