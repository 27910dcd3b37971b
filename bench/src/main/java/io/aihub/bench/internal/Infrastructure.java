package io.aihub.bench.internal;

import io.aihub.services.standalone.ApicurioArchive;
import io.aihub.services.standalone.ApicurioServer;
import io.aihub.services.standalone.EmbeddedKafka;
import io.aihub.services.standalone.EmbeddedS3;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The broker and the registry a harness runs against: external ones when {@code --bootstrap} / {@code --registry}
 * are given, else an in-process KRaft broker and the real Apicurio server as a child process, both torn down by
 * {@link #close()}. Harnesses that store models also need an S3 API server ({@link #withS3}): an external one, or
 * S3Proxy in memory in this JVM.
 */
public final class Infrastructure implements AutoCloseable {

    private final String bootstrapServers;
    private final String registryUrl;
    private final Path workDirectory;
    private final @Nullable EmbeddedKafka kafka;
    private final @Nullable ApicurioServer registry;
    private @Nullable EmbeddedS3 embeddedS3;
    private Map<String, Object> s3Settings = Map.of();

    private Infrastructure(
            String bootstrapServers,
            String registryUrl,
            Path workDirectory,
            @Nullable EmbeddedKafka kafka,
            @Nullable ApicurioServer registry) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.workDirectory = workDirectory;
        this.kafka = kafka;
        this.registry = registry;
    }

    /** Uses or starts the broker and the registry. */
    public static Infrastructure start(String externalBootstrap, String externalRegistry) {
        Path work;
        try {
            work = Files.createTempDirectory("aihub-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the bench work directory", e);
        }
        EmbeddedKafka kafka = null;
        ApicurioServer registry = null;
        try {
            String bootstrap = externalBootstrap;
            if (bootstrap.isBlank()) {
                Console.progress("starting the in-process KRaft broker");
                kafka = EmbeddedKafka.temporary().start();
                bootstrap = kafka.bootstrapServers();
            }
            String registryUrl = externalRegistry;
            if (registryUrl.isBlank()) {
                Console.progress("starting the Apicurio Registry %s (child process)", ApicurioServer.VERSION);
                registry = ApicurioServer.inMemory(ApicurioArchive.locate(), work.resolve("apicurio"))
                        .start();
                registryUrl = registry.url();
            }
            Console.progress("broker %s, registry %s", bootstrap, registryUrl);
            return new Infrastructure(bootstrap, registryUrl, work, kafka, registry);
        } catch (RuntimeException e) {
            if (registry != null) {
                registry.close();
            }
            if (kafka != null) {
                kafka.close();
            }
            throw e;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String registryUrl() {
        return registryUrl;
    }

    /**
     * Makes an S3 API server available to the app instances ({@link #s3Settings()}): the one at
     * {@code externalEndpoint} with the given keys, or, when it is blank, S3Proxy in memory in this JVM (torn down by
     * {@link #close()}).
     */
    public Infrastructure withS3(String externalEndpoint, String accessKey, String secretKey) {
        Map<String, Object> settings = new LinkedHashMap<>();
        if (externalEndpoint.isBlank()) {
            Console.progress("starting the in-process S3 server (S3Proxy, in memory)");
            EmbeddedS3 s3 = EmbeddedS3.inMemory().start();
            embeddedS3 = s3;
            settings.put("aihub.s3.endpoint", s3.endpoint());
            settings.put("aihub.s3.access-key", s3.accessKey());
            settings.put("aihub.s3.secret-key", s3.secretKey());
        } else {
            settings.put("aihub.s3.endpoint", externalEndpoint);
            settings.put("aihub.s3.access-key", accessKey);
            settings.put("aihub.s3.secret-key", secretKey);
        }
        Console.progress("model storage (S3) %s", settings.get("aihub.s3.endpoint"));
        s3Settings = Collections.unmodifiableMap(settings);
        return this;
    }

    /** The {@code aihub.s3.*} settings of the S3 server of {@link #withS3}; empty if there is none. */
    public Map<String, Object> s3Settings() {
        return s3Settings;
    }

    /** A fresh directory under this run's work directory (state dirs of app instances). */
    public Path directory(String name) {
        try {
            return Files.createDirectories(workDirectory.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + workDirectory.resolve(name), e);
        }
    }

    @Override
    public void close() {
        if (embeddedS3 != null) {
            embeddedS3.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        try {
            Trees.delete(workDirectory);
        } catch (IOException e) {
            Console.progress("could not delete %s: %s", workDirectory, e);
        }
    }
}
