package io.aihub.services.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class SettingsValidatorTest {

    @Test
    void shouldLeaveTheFeatureTopicsRetentionToTheBrokerByDefault() {
        AihubProperties settings = bind(Map.of());

        assertThat(settings.topics().featuresRetention()).isNull();
        assertThatCode(() -> new SettingsValidator(settings).afterPropertiesSet())
                .doesNotThrowAnyException();
    }

    @Test
    void shouldBindTheFeatureTopicsRetention() {
        AihubProperties settings = bind(Map.of("aihub.topics.features-retention", "20d"));

        assertThat(settings.topics().featuresRetention()).isEqualTo(Duration.ofDays(20));
        assertThatCode(() -> new SettingsValidator(settings).afterPropertiesSet())
                .doesNotThrowAnyException();
    }

    @Test
    void shouldBindTheFeatureTopicsRetentionFromItsEnvironmentVariable() {
        var environment = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.<String, Object>of("AIHUB_TOPICS_FEATURES_RETENTION", "20d"));
        AihubProperties settings =
                new Binder(ConfigurationPropertySources.from(environment)).bindOrCreate("aihub", AihubProperties.class);

        assertThat(settings.topics().featuresRetention()).isEqualTo(Duration.ofDays(20));
    }

    @Test
    void shouldRejectAFeatureTopicsRetentionThatIsNotPositive() {
        for (String value : new String[] {"0s", "-1d", "500us"}) {
            AihubProperties settings = bind(Map.of("aihub.topics.features-retention", value));

            assertThatThrownBy(() -> new SettingsValidator(settings).afterPropertiesSet())
                    .hasMessageContaining("AIHUB_TOPICS_FEATURES_RETENTION must be positive");
        }
    }

    private static AihubProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("aihub", AihubProperties.class);
    }
}
