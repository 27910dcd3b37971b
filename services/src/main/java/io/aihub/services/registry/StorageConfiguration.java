package io.aihub.services.registry;

import io.aihub.services.config.AihubProperties;
import io.aihub.services.registry.storage.ModelStorage;
import io.aihub.services.registry.storage.S3Settings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The S3 model store, when an endpoint is configured ({@code AIHUB_S3_ENDPOINT}). */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "aihub.s3", name = "endpoint")
    ModelStorage modelStorage(AihubProperties settings) {
        return new ModelStorage(S3Settings.of(settings.s3()));
    }
}
