package io.aihub.services.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A client of the application's server-sent event streams; closing it closes every stream it opened. */
public final class SseClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Stream<String>> open = new CopyOnWriteArrayList<>();
    private final String baseUrl;
    private final Duration wait;

    public SseClient(String baseUrl, Duration wait) {
        this.baseUrl = baseUrl;
        this.wait = wait;
    }

    /** One event: {@code id:}, {@code event:} and {@code data:} (parsed JSON). */
    public record SseEvent(String id, String name, JsonNode data) {}

    /** Opens a stream and collects its lines in the background; returns once the stream says it is connected. */
    public List<String> subscribe(String path) {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpResponse<Stream<String>> response;
        try {
            response = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + path))
                            .header("Accept", "text/event-stream")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        Stream<String> body = response.body();
        open.add(body);
        Thread.ofVirtual().start(() -> {
            try {
                body.forEach(lines::add);
            } catch (UncheckedIOException e) {
                // the stream was closed at the end of the test
            }
        });
        await().atMost(wait).until(() -> lines.contains(":connected"));
        return lines;
    }

    /** Server-sent events in the lines so far: blocks of {@code id:}, {@code event:}, {@code data:} lines. */
    public static List<SseEvent> events(List<String> lines) {
        List<SseEvent> events = new ArrayList<>();
        String id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        for (String line : List.copyOf(lines)) {
            if (line.isEmpty()) {
                if (name != null) {
                    events.add(new SseEvent(id, name, JSON.readTree(data.toString())));
                }
                id = null;
                name = null;
                data.setLength(0);
            } else if (line.startsWith("id:")) {
                id = line.substring(3);
            } else if (line.startsWith("event:")) {
                name = line.substring(6);
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5));
            }
        }
        return events;
    }

    @Override
    public void close() {
        open.forEach(Stream::close);
    }
}
