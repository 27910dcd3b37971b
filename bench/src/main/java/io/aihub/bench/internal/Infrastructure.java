package io.aihub.bench.internal;

import io.aihub.services.standalone.ApicurioArchive;
import io.aihub.services.standalone.ApicurioServer;
import io.aihub.services.standalone.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The broker and the registry a harness runs against: external ones when {@code --bootstrap} / {@code --registry}
 * are given, else an in-process KRaft broker and the real Apicurio server as a child process, both torn down by
 * {@link #close()}.
 */
public final class Infrastructure implements AutoCloseable {

    private final String bootstrapServers;
    private final String registryUrl;
    private final Path workDirectory;
    private final @Nullable EmbeddedKafka kafka;
    private final @Nullable ApicurioServer registry;

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
