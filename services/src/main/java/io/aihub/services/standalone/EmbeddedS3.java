package io.aihub.services.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.reference.FilesystemConstants;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real S3 API server in this JVM: S3Proxy on {@code 127.0.0.1} and a free port, backed by a jclouds blobstore,
 * either a directory on disk ({@link #filesystem(Path)}, kept across restarts: the single-machine mode's model
 * store) or memory ({@link #inMemory()}, gone on {@link #close()}). Ready in about 2 s.
 *
 * <p>Clients sign requests (AWS signature V2 or V4) with the fixed {@link #accessKey()} and {@link #secretKey()};
 * path-style addressing, any region. The filesystem backend lists zero-size {@code dir/} entries for the
 * directories it keeps on disk, which clients that list objects must skip.
 */
public final class EmbeddedS3 implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3.class);

    /** The access key every client of this server uses. */
    public static final String ACCESS_KEY = "aihub-local";

    /** The secret key every client of this server uses; the server only listens on loopback. */
    public static final String SECRET_KEY = "aihub-local-secret";

    private static final String HOST = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final @Nullable Path directory;
    private final UnaryOperator<BlobStore> blobStoreDecorator;
    private @Nullable BlobStoreContext context;
    private @Nullable S3Proxy proxy;
    private int port;

    private EmbeddedS3(@Nullable Path directory, UnaryOperator<BlobStore> blobStoreDecorator) {
        this.directory = directory;
        this.blobStoreDecorator = blobStoreDecorator;
    }

    /**
     * A server storing buckets as directories under {@code directory} (created if missing); what it holds
     * survives {@link #close()} and is served again by the next server on the same directory.
     */
    public static EmbeddedS3 filesystem(Path directory) {
        return new EmbeddedS3(directory, UnaryOperator.identity());
    }

    /** A server storing everything in memory, lost on {@link #close()}. */
    public static EmbeddedS3 inMemory() {
        return new EmbeddedS3(null, UnaryOperator.identity());
    }

    /**
     * Test hook: this server with its jclouds {@link BlobStore} wrapped by {@code decorator} (for example a
     * {@link org.jclouds.blobstore.util.ForwardingBlobStore} that fails some calls), so a test can make the server
     * fail part-way through a client's work. Not for production use.
     */
    public EmbeddedS3 withBlobStoreDecorator(UnaryOperator<BlobStore> decorator) {
        return new EmbeddedS3(directory, decorator);
    }

    /** Starts the server; returns once it answers HTTP requests. Does nothing if it runs already. */
    public synchronized EmbeddedS3 start() {
        if (proxy != null) {
            return this;
        }
        long started = System.nanoTime();
        var blobStoreContext = blobStoreContext();
        S3Proxy server = null;
        try {
            server = S3Proxy.builder()
                    .blobStore(blobStoreDecorator.apply(blobStoreContext.getBlobStore()))
                    .endpoint(URI.create("http://" + HOST + ":0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            server.start();
            port = awaitPort(server);
            awaitAnswer();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(server, blobStoreContext, e);
            throw new InfrastructureException("interrupted while starting the embedded S3 server", e);
        } catch (InfrastructureException e) {
            stopQuietly(server, blobStoreContext, e);
            throw e;
        } catch (Exception e) {
            stopQuietly(server, blobStoreContext, e);
            throw new InfrastructureException("the embedded S3 server did not start", e);
        }
        context = blobStoreContext;
        proxy = server;
        LOG.info(
                "Embedded S3 server ready at {} in {} ms (store: {})",
                endpoint(),
                (System.nanoTime() - started) / 1_000_000,
                Optional.ofNullable(directory).map(Path::toString).orElse("in memory"));
        return this;
    }

    private BlobStoreContext blobStoreContext() {
        var overrides = new Properties();
        String provider;
        if (directory != null) {
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the S3 storage directory " + directory, e);
            }
            provider = "filesystem";
            overrides.setProperty(
                    FilesystemConstants.PROPERTY_BASEDIR,
                    directory.toAbsolutePath().toString());
        } else {
            provider = "transient";
        }
        return ContextBuilder.newBuilder(provider)
                .credentials(ACCESS_KEY, SECRET_KEY)
                .overrides(overrides)
                .build(BlobStoreContext.class);
    }

    /** Jetty reports the bound port once its connector is open; {@code start()} normally returns after that. */
    private static int awaitPort(S3Proxy server) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!"STARTED".equals(server.getState()) || server.getPort() <= 0) {
            if (System.nanoTime() > deadline) {
                throw new InfrastructureException("the embedded S3 server did not open its port within "
                        + READY_TIMEOUT.toSeconds() + " s (state " + server.getState() + ")");
            }
            Thread.sleep(10);
        }
        return server.getPort();
    }

    /** Any HTTP answer will do: an unsigned request is refused with 403, which proves the S3 handler runs. */
    private void awaitAnswer() throws InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(endpoint() + "/"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (var client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1)
                .build()) {
            while (true) {
                try {
                    client.send(request, HttpResponse.BodyHandlers.discarding());
                    return;
                } catch (IOException e) {
                    if (System.nanoTime() > deadline) {
                        throw new InfrastructureException(
                                "the embedded S3 server did not answer " + request.uri() + " within "
                                        + READY_TIMEOUT.toSeconds() + " s",
                                e);
                    }
                    Thread.sleep(20);
                }
            }
        }
    }

    /** The S3 endpoint, {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        if (port == 0) {
            throw new IllegalStateException("the embedded S3 server is not started");
        }
        return "http://" + HOST + ":" + port;
    }

    /** The access key clients sign with. */
    public String accessKey() {
        return ACCESS_KEY;
    }

    /** The secret key clients sign with. */
    public String secretKey() {
        return SECRET_KEY;
    }

    /** The storage directory, or empty for an in-memory server. */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    /** Stops the server; an in-memory store is discarded, a directory kept. Idempotent. */
    @Override
    public synchronized void close() {
        var server = proxy;
        var blobStoreContext = context;
        proxy = null;
        context = null;
        port = 0;
        if (server == null || blobStoreContext == null) {
            return;
        }
        try {
            server.stop();
            LOG.info("Embedded S3 server stopped");
        } catch (Exception e) {
            throw new InfrastructureException("the embedded S3 server did not stop cleanly", e);
        } finally {
            blobStoreContext.close();
        }
    }

    private static void stopQuietly(@Nullable S3Proxy server, BlobStoreContext blobStoreContext, Throwable cause) {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                cause.addSuppressed(e);
            }
        }
        blobStoreContext.close();
    }
}
