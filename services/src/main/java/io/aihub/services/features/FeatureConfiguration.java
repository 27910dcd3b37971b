package io.aihub.services.features;

import io.aihub.services.config.AihubProperties;
import io.aihub.topology.SerdeFactory;
import io.aihub.topology.Topics;
import io.aihub.topology.anomaly.ScoringSettings;
import io.aihub.topology.catalog.FeatureCatalog;
import io.aihub.topology.features.FeatureSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binds the topology's typed settings, catalog and topic descriptors from the application's settings, once. */
@Configuration(proxyBeanMethods = false)
class FeatureConfiguration {

    @Bean
    FeatureCatalog featureCatalog(AihubProperties settings) {
        var path = settings.features().catalog();
        return path == null ? FeatureCatalog.loadDefault() : FeatureCatalog.load(path);
    }

    @Bean
    FeatureSettings featureSettings(AihubProperties settings, FeatureCatalog catalog) {
        var features = settings.features();
        return new FeatureSettings(features.grace(), features.retention(), features.weatherMaxAge(), catalog);
    }

    @Bean
    ScoringSettings scoringSettings(AihubProperties settings) {
        return new ScoringSettings(settings.anomaly().sensitivity());
    }

    @Bean
    Topics topics(AihubProperties settings, SerdeFactory serdes) {
        return Topics.of(settings.topics().prefix(), serdes);
    }
}
