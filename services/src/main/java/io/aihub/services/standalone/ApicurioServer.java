package io.aihub.services.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Apicurio Registry server ({@value #VERSION}) as a child process of this JVM, on free loopback ports.
 *
 * <p>The server archive is the Maven Central artifact {@code io.apicurio:apicurio-registry-app:3.3.3:tar.gz:all},
 * found through {@link ApicurioArchive}; it is unpacked once into a cache directory. Storage is the server's
 * default in-memory H2, or an H2 file under a data directory. A JVM shutdown hook destroys the process tree, so
 * Ctrl-C never leaves a registry running.
 */
public final class ApicurioServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApicurioServer.class);

    public static final String VERSION = "3.3.3";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final int LOG_TAIL_LINES = 40;

    private final Path archive;
    private final Path workDirectory;
    private final @Nullable Path storageDirectory;
    private final Duration shutdownHookGrace;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicReference<@Nullable Process> process = new AtomicReference<>();
    private @Nullable Thread shutdownHook;
    private int port;

    private ApicurioServer(
            Path archive, Path workDirectory, @Nullable Path storageDirectory, Duration shutdownHookGrace) {
        this.archive = archive;
        this.workDirectory = workDirectory;
        this.storageDirectory = storageDirectory;
        this.shutdownHookGrace = shutdownHookGrace;
    }

    /**
     * A server with in-memory storage, logging to {@code workDirectory/apicurio.log}.
     *
     * @param archive the {@code apicurio-registry-app-3.3.3-all.tar.gz}, see {@link ApicurioArchive#locate()}
     */
    public static ApicurioServer inMemory(Path archive, Path workDirectory) {
        return new ApicurioServer(archive, workDirectory, null, Duration.ZERO);
    }

    /** A server whose H2 database is a file under {@code workDirectory/h2}, emptied on start. */
    public static ApicurioServer persistentIn(Path archive, Path workDirectory) {
        return new ApicurioServer(archive, workDirectory, workDirectory.resolve("h2"), Duration.ZERO);
    }

    /**
     * This server with a JVM shutdown hook that first gives the owner {@code grace} to {@link #close()} it (so an
     * owner's own hook can stop things in order), and only then destroys the process itself.
     */
    public ApicurioServer withShutdownHookGrace(Duration grace) {
        return new ApicurioServer(archive, workDirectory, storageDirectory, grace);
    }

    /** Unpacks the archive if needed, starts the server and waits until its API answers. */
    public synchronized ApicurioServer start() {
        if (process.get() != null) {
            return this;
        }
        long started = System.nanoTime();
        try {
            Path home = ApicurioArchive.unpacked(archive, VERSION);
            Files.createDirectories(workDirectory);
            if (storageDirectory != null) {
                DirectoryTrees.deleteIfExists(storageDirectory);
                Files.createDirectories(storageDirectory);
            }
            Path logFile = workDirectory.resolve("apicurio.log");
            port = freePort();
            var command = command(home, port, freePort());
            var child = new ProcessBuilder(command)
                    .directory(workDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            process.set(child);
            var hook = new Thread(this::destroyAfterGrace, "apicurio-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            shutdownHook = hook;
            awaitReady(child, logFile);
        } catch (IOException e) {
            destroy();
            throw new UncheckedIOException("cannot start the Apicurio Registry server from " + archive, e);
        } catch (RuntimeException e) {
            destroy();
            throw e;
        }
        LOG.info(
                "Apicurio Registry {} ready at {} in {} ms", VERSION, url(), (System.nanoTime() - started) / 1_000_000);
        return this;
    }

    private List<String> command(Path home, int httpPort, int managementPort) {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElseGet(() ->
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
        var command = new ArrayList<String>();
        command.add(java);
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + httpPort);
        command.add("-Dquarkus.management.host=127.0.0.1");
        command.add("-Dquarkus.management.port=" + managementPort);
        command.add("-Dquarkus.log.console.color=false");
        command.add("-Dapicurio.storage.snapshot.location=" + workDirectory.toAbsolutePath());
        if (storageDirectory != null) {
            command.add("-Dapicurio.datasource.url=jdbc:h2:file:"
                    + storageDirectory.toAbsolutePath().resolve("registry") + ";DB_CLOSE_ON_EXIT=FALSE");
        }
        command.add("-jar");
        command.add(home.resolve("quarkus-run.jar").toString());
        return command;
    }

    private void awaitReady(Process child, Path logFile) {
        var client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        var request = HttpRequest.newBuilder(URI.create(url() + "/system/info"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (client) {
            while (System.nanoTime() < deadline) {
                if (!child.isAlive()) {
                    throw new InfrastructureException(
                            "the Apicurio Registry server exited with code " + child.exitValue()
                                    + " before it was ready; last lines of " + logFile + ":\n" + tail(logFile));
                }
                try {
                    var response = client.send(request, HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        return;
                    }
                } catch (ConnectException e) {
                    // not listening yet
                } catch (IOException e) {
                    LOG.debug("Apicurio Registry not ready yet: {}", e.toString());
                }
                child.waitFor(200, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted while waiting for the Apicurio Registry server", e);
        }
        throw new InfrastructureException("the Apicurio Registry server did not answer " + request.uri() + " within "
                + READY_TIMEOUT.toSeconds() + " s; last lines of " + logFile + ":\n" + tail(logFile));
    }

    /** The registry's v3 API base, e.g. {@code http://127.0.0.1:PORT/apis/registry/v3}. */
    public String url() {
        if (port == 0) {
            throw new IllegalStateException("the Apicurio Registry server is not started");
        }
        return "http://127.0.0.1:" + port + "/apis/registry/v3";
    }

    /** The process id of the server, while it runs. */
    public Optional<Long> pid() {
        return Optional.ofNullable(process.get()).map(Process::pid);
    }

    /** Stops the server and every process it started. Idempotent. */
    @Override
    public synchronized void close() {
        closed.countDown();
        destroy();
        var hook = shutdownHook;
        shutdownHook = null;
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down and runs the hook itself
            }
        }
    }

    private void destroyAfterGrace() {
        try {
            closed.await(shutdownHookGrace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        destroy();
    }

    /** Not synchronized: the shutdown hook must be able to stop a server that is still starting. */
    private void destroy() {
        var child = process.getAndSet(null);
        if (child == null) {
            return;
        }
        var descendants = child.descendants().toList();
        child.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!child.waitFor(10, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                child.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        LOG.info("Apicurio Registry stopped");
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }
}
