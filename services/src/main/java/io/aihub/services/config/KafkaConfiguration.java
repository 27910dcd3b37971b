package io.aihub.services.config;

import io.aihub.services.standalone.ApicurioSerdes;
import io.aihub.topology.SerdeFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Avro serdes every topic uses: Apicurio Registry serdes against {@code AIHUB_REGISTRY_URL}. */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean
    SerdeFactory serdeFactory(AihubProperties settings) {
        return new ApicurioSerdes(settings.registry().url())::value;
    }
}
