package io.aihub.services.query;

import io.aihub.services.config.AihubProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Forwards a request to the instance that owns its key, once: the forwarded request carries {@link #HOP_HEADER},
 * and an instance that receives a forwarded request for a key it does not own answers 503 instead of forwarding
 * again (ownership is moving; the caller retries).
 */
@Component
public class Forwarder {

    /** Marks a request that was already forwarded by another instance. */
    public static final String HOP_HEADER = "X-AIHub-Forwarded-By";

    private final HttpClient client;
    private final AihubProperties settings;
    private final StreamsRuntime runtime;

    public Forwarder(AihubProperties settings, StreamsRuntime runtime) {
        this.settings = settings;
        this.runtime = runtime;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.query().forwardTimeout())
                .build();
    }

    /** POSTs {@code json} to {@code path} on {@code owner} and relays its status and body. */
    public ResponseEntity<byte[]> post(HostInfo owner, String path, byte[] json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + owner.host() + ":" + owner.port() + path))
                .timeout(settings.query().forwardTimeout())
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                .header(HOP_HEADER, runtime.self().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            var relayed = ResponseEntity.status(response.statusCode());
            response.headers()
                    .firstValue(HttpHeaders.CONTENT_TYPE)
                    .ifPresent(type -> relayed.header(HttpHeaders.CONTENT_TYPE, type));
            response.headers()
                    .firstValue(HttpHeaders.RETRY_AFTER)
                    .ifPresent(after -> relayed.header(HttpHeaders.RETRY_AFTER, after));
            return relayed.body(response.body());
        } catch (IOException e) {
            throw new StoreUnavailableException("the instance owning this key (" + owner + ") is unreachable", 1, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while forwarding to " + owner, 1, e);
        }
    }
}
