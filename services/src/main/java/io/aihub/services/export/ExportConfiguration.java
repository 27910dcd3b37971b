package io.aihub.services.export;

import io.aihub.services.config.AihubProperties;
import io.aihub.services.registry.storage.S3Settings;
import io.aihub.topology.Topics;
import io.aihub.topology.catalog.FeatureCatalog;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The export's parts, when an offline store is configured ({@code AIHUB_POSTGRES_URL}); without one the endpoints
 * answer 503. S3 targets use the model registry's S3 settings ({@code AIHUB_S3_*}).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ExportConfiguration.PostgresConfigured.class)
class ExportConfiguration {

    @Bean
    OfflineStore offlineStore(AihubProperties settings) {
        return OfflineStore.of(settings.postgres());
    }

    @Bean(destroyMethod = "close")
    ExportPublisher exportPublisher(AihubProperties settings, Topics topics) {
        return new ExportPublisher(settings, topics);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "aihub.s3", name = "endpoint")
    ExportUploader exportUploader(AihubProperties settings) {
        return new ExportUploader(S3Settings.of(settings.s3()));
    }

    @Bean(destroyMethod = "close")
    ExportService exportService(
            AihubProperties settings,
            FeatureCatalog catalog,
            OfflineStore store,
            ObjectProvider<ExportUploader> uploader,
            ExportPublisher publisher) {
        ExportUploader s3 = uploader.getIfAvailable();
        return new ExportService(
                catalog,
                store,
                new ExportTargets(settings.export().dir(), s3 != null),
                s3,
                publisher,
                new ParquetExport(
                        settings.export().queueCapacity(), settings.export().streams()),
                settings.export().concurrency(),
                Clock.systemUTC());
    }

    /** The reaper of abandoned jobs starts once the application is ready: its topics exist, a reaped job is published. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> exportReaperStart(ExportService exportService) {
        return event -> exportService.startReaper();
    }

    /** Matches when {@code aihub.postgres.url} is set to something other than empty or {@code none}. */
    static final class PostgresConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("aihub.postgres.url", "");
            return !url.isBlank() && !url.equalsIgnoreCase("none");
        }
    }
}
