package io.aihub.topology.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.topology.SerdeFactory;
import io.aihub.topology.Topics;
import io.aihub.topology.catalog.FeatureCatalog;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettingsAndKeysTest {

    private final FeatureCatalog catalog = FeatureCatalog.loadDefault();

    @Test
    void shouldDefaultToOneHourGraceFourteenDaysRetentionAndThreeHoursWeatherAge() {
        assertThat(FeatureSettings.defaults(catalog))
                .isEqualTo(new FeatureSettings(Duration.ofHours(1), Duration.ofDays(14), Duration.ofHours(3), catalog));
    }

    @Test
    void shouldRejectNegativeGraceAndTooShortRetentionNamingTheSetting() {
        assertThatThrownBy(() ->
                        new FeatureSettings(Duration.ofMinutes(-1), Duration.ofDays(14), Duration.ofHours(3), catalog))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grace");
        assertThatThrownBy(() ->
                        new FeatureSettings(Duration.ofHours(2), Duration.ofHours(170), Duration.ofHours(3), catalog))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retention");
        assertThat(new FeatureSettings(Duration.ofHours(2), Duration.ofHours(171), Duration.ofHours(3), catalog)
                        .retention())
                .isEqualTo(Duration.ofHours(171));
    }

    @Test
    void shouldValidateIdsAndBuildThePartitionKey() {
        assertThat(new SeriesKey("acme", "meter-1", "power_kw").partitionKey()).isEqualTo("acme:meter-1");
        assertThat(SeriesKey.isValidId("a")).isTrue();
        assertThat(SeriesKey.isValidId("A1._-z")).isTrue();
        assertThat(SeriesKey.isValidId("x".repeat(128))).isTrue();
        assertThat(SeriesKey.isValidId("x".repeat(129))).isFalse();
        assertThat(SeriesKey.isValidId("_a")).isFalse();
        assertThat(SeriesKey.isValidId("a:b")).isFalse();
        assertThat(SeriesKey.isValidId("")).isFalse();
    }

    @Test
    void shouldNameTopicsWithThePrefix() {
        var topics = Topics.of("dev.", SerdeFactory.plainAvro());
        assertThat(topics.allNames())
                .containsExactly(
                        "dev.telemetry",
                        "dev.weather",
                        "dev.features",
                        "dev.features-hourly",
                        "dev.features-daily",
                        "dev.dead-letter",
                        "dev.model-registry-commands",
                        "dev.model-registry",
                        "dev.model-registry-replies",
                        "dev.anomalies",
                        "dev.forecasts",
                        "dev.assets",
                        "dev.work-orders",
                        "dev.alarms",
                        "dev.feature-exports");
        assertThat(topics.assets().configs()).containsEntry("message.timestamp.type", "LogAppendTime");
        assertThat(topics.modelRegistry().configs()).containsEntry("cleanup.policy", "compact");
        assertThat(topics.featureExports().configs()).containsEntry("cleanup.policy", "compact");
        assertThat(Topics.of("", SerdeFactory.plainAvro()).features().name()).isEqualTo("features");
    }

    @Test
    void shouldListThirtyEightDistinctFeaturesInGroupOrder() {
        assertThat(FeatureNames.ALL).hasSize(38).doesNotHaveDuplicates();
        assertThat(FeatureNames.ALL.subList(0, 6)).isEqualTo(FeatureNames.TIME);
        assertThat(FeatureNames.ALL.subList(32, 38)).isEqualTo(FeatureNames.WEATHER);
    }

    @Test
    void shouldNameEveryNodeAndStoreExplicitly() {
        var description = FeatureTopology.build(
                        FeatureSettings.defaults(catalog), Topics.of("", SerdeFactory.plainAvro()))
                .describe()
                .toString();
        assertThat(description).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
        assertThat(description)
                .contains(
                        FeatureStores.READINGS, FeatureStores.SERIES, FeatureStores.WEATHER, FeatureTopology.PROCESSOR);
    }
}
