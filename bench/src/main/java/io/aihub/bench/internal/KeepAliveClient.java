package io.aihub.bench.internal;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * One sequential HTTP/1.1 client over a single keep-alive connection ({@link RawHttpConnection}: microseconds of
 * client overhead), reopened when the server announces {@code Connection: close} or a request fails. Requests are
 * encoded up front ({@link #encode}), so a timed loop only writes bytes and reads the answer. Not thread-safe.
 */
public final class KeepAliveClient implements Closeable {

    /** An answer: status code and body bytes. */
    public record Response(int status, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String host;
    private final int port;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
    private @Nullable RawHttpConnection connection;

    /** A client of {@code baseUrl}, e.g. {@code http://127.0.0.1:8080}; connects on the first request. */
    public KeepAliveClient(String baseUrl) {
        URI uri = URI.create(baseUrl);
        this.host = uri.getHost();
        this.port = uri.getPort();
    }

    /**
     * The bytes of a request to {@code pathAndQuery} (e.g. {@code /ai/models/?tenant_id=a}) on this client's server;
     * {@code jsonBody} is null for a request without a body.
     */
    public byte[] encode(String method, String pathAndQuery, byte @Nullable [] jsonBody) {
        return RawHttpConnection.encode(method, URI.create("http://" + host + ":" + port + pathAndQuery), jsonBody);
    }

    /** Sends an encoded request and reads the whole answer. On an I/O failure the connection is dropped. */
    public Response exchange(byte[] request) throws IOException {
        return new Response(exchangeStatus(request), body.toByteArray());
    }

    /**
     * Like {@link #exchange} but keeps the body in this client's buffer ({@link #lastBodyLength()}): no copy, for
     * timed loops that only check the status.
     */
    public int exchangeStatus(byte[] request) throws IOException {
        RawHttpConnection open = connection;
        if (open == null) {
            open = new RawHttpConnection(host, port);
            connection = open;
        }
        try {
            int status = open.exchange(request, body);
            if (open.closing()) {
                dropConnection();
            }
            return status;
        } catch (IOException | RuntimeException e) {
            dropConnection();
            throw e;
        }
    }

    /** Size of the body of the last answer. */
    public int lastBodyLength() {
        return body.size();
    }

    /** The body of the last answer as text. */
    public String lastBodyText() {
        return body.toString(StandardCharsets.UTF_8);
    }

    private void dropConnection() {
        RawHttpConnection open = connection;
        connection = null;
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                Console.progress("closing a bench connection failed: %s", e);
            }
        }
    }

    @Override
    public void close() {
        dropConnection();
    }
}
