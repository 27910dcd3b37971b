package io.aihub.services.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aihub.services.testing.AppInstance;
import io.aihub.services.testing.AppInstance.Reply;
import io.aihub.services.testing.SharedInfrastructure;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Redis down and back, against a real redis-server this test starts on a free port (no persistence): the app keeps
 * answering from the state stores and says so in {@code /health}, then catches up from the last vector Redis
 * acknowledged. Skipped only when no {@code redis-server} binary is installed.
 */
class RedisOutageIT {

    private static final Instant BASE = Instant.parse("2025-10-06T00:00:00Z");
    private static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");

    private int port;
    private AppInstance app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (port != 0) {
            shutdownRedis();
        }
    }

    @Test
    void shouldServeFromTheStoresWhileRedisIsDownAndCatchUpWhenItReturns() {
        Assumptions.assumeTrue(
                Files.isExecutable(REDIS_SERVER), "redis-server is not installed at " + REDIS_SERVER + ": skipped");
        port = freePort();
        startRedis();
        String url = "redis://127.0.0.1:" + port;
        app = AppInstance.start(
                SharedInfrastructure.uniqueApplicationId("redis-outage"),
                SharedInfrastructure.uniquePrefix("redis-outage"),
                Map.of("aihub.redis.url", url, "aihub.redis.max-backoff", "500ms"));
        app.awaitRunning(Duration.ofSeconds(60));

        // Given vectors materialised while Redis is up
        post(0, 3);
        awaitKey(url, "features:t1:meter-1:2025-10-06T02:00:00Z");

        // When Redis goes away, readings keep being accepted and answered from the stores
        shutdownRedis();
        post(3, 3);
        Instant last = BASE.plus(Duration.ofHours(5));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Reply reply = app.post("/ai/features/get", request(last));
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().path("cache_hit").asBoolean()).isFalse();
            assertThat(reply.body().path("latest_reading_at").asString()).isEqualTo(last.toString());
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var health = app.get("/health").body();
            assertThat(health.path("status").asString()).isEqualTo("degraded");
            assertThat(health.path("dependencies").path("redis").path("status").asString())
                    .isEqualTo("down");
        });
        assertThat(app.delete("/ai/features/cache/t1/meter-1").status()).isEqualTo(503);

        // Then, when Redis is back (empty: it kept nothing), the vectors computed meanwhile reach it
        startRedis();
        for (int hour = 3; hour < 6; hour++) {
            awaitKey(url, "features:t1:meter-1:2025-10-06T0" + hour + ":00:00Z");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Reply reply = app.post("/ai/features/get", request(last));
            assertThat(reply.body().path("cache_hit").asBoolean()).isTrue();
        });
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(app.get("/health")
                                .body()
                                .path("dependencies")
                                .path("redis")
                                .path("status")
                                .asString())
                        .isEqualTo("up"));
    }

    private void post(int from, int count) {
        List<Map<String, Object>> readings = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            readings.add(RedisOnlineStoreIT.reading("t1", "meter-1", BASE.plus(Duration.ofHours(i)), i));
        }
        assertThat(app.post("/ingest/telemetry", readings).status()).isEqualTo(202);
    }

    private static Map<String, Object> request(Instant at) {
        return RedisOnlineStoreIT.request("t1", at, List.of("lag_1h", "rolling_avg_24h"));
    }

    private static void awaitKey(String url, String key) {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> connection.sync().hget(key, "power") != null);
        } finally {
            client.shutdown();
        }
    }

    private void startRedis() {
        run(
                REDIS_SERVER.toString(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "yes");
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            try (var connection = client.connect()) {
                return "PONG".equals(connection.sync().ping());
            }
        });
        client.shutdown();
    }

    private void shutdownRedis() {
        run("redis-cli", "-p", Integer.toString(port), "shutdown", "nosave");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (ServerSocket probe = new ServerSocket(port)) {
                return true;
            } catch (IOException stillBound) {
                return false;
            }
        });
    }

    private static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
