package io.aihub.services;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The AI Hub Streams application: REST facade, ingest and the Kafka Streams topologies. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AihubApplication {

    public static void main(String[] args) {
        SpringApplication.run(AihubApplication.class, args);
    }
}
