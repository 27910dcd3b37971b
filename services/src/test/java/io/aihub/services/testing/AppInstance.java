package io.aihub.services.testing;

import io.aihub.services.AihubApplication;
import io.aihub.services.query.StreamsRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One instance of the real application on a random port, against the shared broker and registry, with its own
 * state directory. Several instances with the same application id form one Kafka Streams group.
 */
public final class AppInstance implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConfigurableApplicationContext context;
    private final String baseUrl;

    private AppInstance(ConfigurableApplicationContext context) {
        this.context = context;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.baseUrl = "http://localhost:" + port;
    }

    /** Starts an instance of application {@code applicationId} reading topics under {@code topicPrefix}. */
    public static AppInstance start(String applicationId, String topicPrefix, Map<String, Object> extra) {
        Path stateDir;
        try {
            stateDir = Files.createTempDirectory("aihub-state-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", 0);
        properties.put("aihub.kafka.bootstrap-servers", SharedInfrastructure.bootstrapServers());
        properties.put("aihub.registry.url", SharedInfrastructure.registryUrl());
        properties.put("aihub.topics.prefix", topicPrefix);
        properties.put("aihub.topics.partitions", 4);
        properties.put("aihub.streams.application-id", applicationId);
        properties.put("aihub.streams.state-dir", stateDir.toString());
        properties.put("aihub.streams.threads", 1);
        properties.put("aihub.streams.commit-interval", "50ms");
        properties.put("aihub.s3.endpoint", SharedInfrastructure.s3().endpoint());
        properties.put("aihub.s3.access-key", SharedInfrastructure.s3().accessKey());
        properties.put("aihub.s3.secret-key", SharedInfrastructure.s3().secretKey());
        properties.put(
                "aihub.s3.bucket",
                "models-" + applicationId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-"));
        // the Redis online store is off unless a test turns it on: the other tests assert answers from the stores
        properties.put("aihub.redis.url", "none");
        properties.putAll(extra);
        // command-line arguments: they take precedence over application.properties (server.port=${SERVER_PORT:8080})
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(AihubApplication.class).run(args);
        return new AppInstance(context);
    }

    /** Waits, at most {@code timeout}, until {@code /health} reports the Kafka Streams state RUNNING. */
    public void awaitRunning(Duration timeout) {
        Awaitility.await()
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> "RUNNING"
                        .equals(get("/health")
                                .body()
                                .path("kafka_streams")
                                .path("state")
                                .asString()));
    }

    public String baseUrl() {
        return baseUrl;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /**
     * Takes this instance's stream threads out of its Kafka Streams group: they leave it, which {@link #close()}
     * does not do, so the group rebalances at once instead of waiting for their sessions to expire (45 s). Call it
     * before closing an instance when another instance of the same application starts or runs afterwards.
     */
    public void leaveGroup() {
        KafkaStreams streams = bean(StreamsRuntime.class).streams();
        if (streams != null) {
            while (streams.removeStreamThread(Duration.ofSeconds(30)).isPresent()) {
                // one thread removed; remove the next
            }
        }
    }

    /** POSTs JSON and returns status and parsed body. */
    public Reply post(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build());
    }

    /** PUTs JSON and returns status and parsed body. */
    public Reply put(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build());
    }

    /** DELETEs and returns status and parsed body. */
    public Reply delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE().build());
    }

    /** POSTs a raw body with the given content type. */
    public Reply postRaw(String path, String body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** GETs a text body (e.g. the Prometheus scrape). */
    public String getText(String path) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create(baseUrl + path))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
    }

    private static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Reply(response.statusCode(), body, response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }

    /** An HTTP answer: status, JSON body, headers. */
    public record Reply(int status, JsonNode body, Map<String, java.util.List<String>> headers) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }
    }
}
