package io.aihub.services.query;

import io.aihub.services.config.AihubProperties;
import java.io.IOException;
import java.time.Duration;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.apache.kafka.streams.state.HostInfo;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Forwards a request to the instance that owns its key, once: the forwarded request carries {@link #HOP_HEADER},
 * and an instance that receives a forwarded request for a key it does not own answers 503 instead of forwarding
 * again (ownership is moving; the caller retries).
 *
 * <p>Apache HttpClient 5 classic: blocking on the request thread over pooled keep-alive connections with
 * TCP_NODELAY, so the hop adds no hand-off between threads ({@code java.net.http.HttpClient} added about a
 * millisecond at the median and several at p99 on this path; measured with {@code ./aihub bench query}).
 */
@Component
public class Forwarder implements DisposableBean {

    /** Marks a request that was already forwarded by another instance. */
    public static final String HOP_HEADER = "X-AIHub-Forwarded-By";

    private static final int MAX_CONNECTIONS_PER_OWNER = 64;

    private final CloseableHttpClient client;
    private final StreamsRuntime runtime;

    public Forwarder(AihubProperties settings, StreamsRuntime runtime) {
        this.runtime = runtime;
        Timeout timeout =
                Timeout.ofMilliseconds(settings.query().forwardTimeout().toMillis());
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(MAX_CONNECTIONS_PER_OWNER)
                .setMaxConnTotal(MAX_CONNECTIONS_PER_OWNER * 16)
                .setDefaultSocketConfig(SocketConfig.custom()
                        .setTcpNoDelay(true)
                        .setSoTimeout(timeout)
                        .build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(timeout)
                        .setSocketTimeout(timeout)
                        .build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(
                        RequestConfig.custom().setResponseTimeout(timeout).build())
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
    }

    /**
     * Forwards to the owner unless the request was already forwarded ({@code forwardedBy} is its hop header): then
     * ownership is moving, and the caller is told to retry (503).
     */
    public ResponseEntity<byte[]> forwardOnce(
            Route.Remote owner, @Nullable String forwardedBy, String path, byte[] json) {
        if (forwardedBy != null) {
            throw new StoreUnavailableException(
                    "ownership of this key is moving (forwarded by " + forwardedBy
                            + " to an instance that does not own it)",
                    1);
        }
        return post(owner.host(), path, json);
    }

    /** POSTs {@code json} to {@code path} (with its query string, if any) on {@code owner} and relays the answer. */
    public ResponseEntity<byte[]> post(HostInfo owner, String path, byte[] json) {
        HttpPost post = new HttpPost(url(owner, path));
        post.setEntity(new ByteArrayEntity(json, ContentType.APPLICATION_JSON));
        return relay(owner, post);
    }

    /**
     * As {@link #post(HostInfo, String, byte[])}, waiting up to {@code timeout} for the answer instead of
     * {@code AIHUB_QUERY_FORWARD_TIMEOUT}: for requests that work rather than read (a training).
     */
    public ResponseEntity<byte[]> post(HostInfo owner, String path, byte[] json, Duration timeout) {
        HttpPost post = new HttpPost(url(owner, path));
        post.setEntity(new ByteArrayEntity(json, ContentType.APPLICATION_JSON));
        post.setConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.ofMilliseconds(timeout.toMillis()))
                .build());
        return relay(owner, post);
    }

    /** GETs {@code path} (with its query string, if any) on {@code owner} and relays its status and body. */
    public ResponseEntity<byte[]> get(HostInfo owner, String path) {
        return relay(owner, new HttpGet(url(owner, path)));
    }

    private static String url(HostInfo owner, String path) {
        return "http://" + owner.host() + ":" + owner.port() + path;
    }

    private ResponseEntity<byte[]> relay(HostInfo owner, HttpUriRequestBase request) {
        request.setHeader(HOP_HEADER, runtime.self().toString());
        try {
            return client.execute(request, response -> {
                var relayed = ResponseEntity.status(response.getCode());
                Header type = response.getFirstHeader(HttpHeaders.CONTENT_TYPE);
                if (type != null) {
                    relayed.header(HttpHeaders.CONTENT_TYPE, type.getValue());
                }
                Header retryAfter = response.getFirstHeader(HttpHeaders.RETRY_AFTER);
                if (retryAfter != null) {
                    relayed.header(HttpHeaders.RETRY_AFTER, retryAfter.getValue());
                }
                byte[] body =
                        response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
                return relayed.body(body);
            });
        } catch (IOException e) {
            throw new StoreUnavailableException("the instance owning this key (" + owner + ") is unreachable", 1, e);
        }
    }

    @Override
    public void destroy() throws IOException {
        client.close();
    }
}
