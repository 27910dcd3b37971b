package io.aihub.services.health;

import io.aihub.services.config.AihubProperties;
import io.aihub.services.export.OfflineStore;
import io.aihub.services.online.OnlineStoreException;
import io.aihub.services.online.RedisOnlineStore;
import io.aihub.services.registry.storage.ModelStorage;
import io.aihub.services.registry.storage.ModelStorageException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Checks each external dependency every few seconds in the background, so {@code /health} answers at once from
 * the last result instead of making every caller wait on a timeout.
 */
@Component
class DependencyProbe implements DisposableBean {

    private static final Duration EVERY = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** The last result of one dependency's check. */
    record Status(String status, String detail, Instant checkedAt) {}

    private final AihubProperties settings;
    private final Admin admin;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "aihub-dependency-probe");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Map<String, Status> last = Map.of();

    private final ObjectProvider<ModelStorage> storage;
    private final RedisOnlineStore redis;
    private final ObjectProvider<OfflineStore> offlineStore;

    DependencyProbe(
            AihubProperties settings,
            ObjectProvider<ModelStorage> storage,
            RedisOnlineStore redis,
            ObjectProvider<OfflineStore> offlineStore) {
        this.settings = settings;
        this.storage = storage;
        this.redis = redis;
        this.offlineStore = offlineStore;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafka().bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
        scheduler.scheduleWithFixedDelay(this::probe, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    Map<String, Status> last() {
        return last;
    }

    private void probe() {
        Map<String, Status> now = new LinkedHashMap<>();
        now.put("kafka", kafka());
        now.put("schema_registry", registry());
        now.put("model_storage", modelStorage());
        now.put("redis", redis());
        now.put("offline_store", offlineStore());
        last = Map.copyOf(now);
    }

    private Status kafka() {
        try {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .nodes()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .size();
            return new Status(
                    "up", brokers + " broker(s) at " + settings.kafka().bootstrapServers(), Instant.now());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Status("unknown", "probe interrupted", Instant.now());
        } catch (Exception e) {
            return new Status(
                    "down",
                    settings.kafka().bootstrapServers() + ": " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage()),
                    Instant.now());
        }
    }

    private Status registry() {
        String url = settings.registry().url();
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create(url + "/system/info"))
                            .timeout(TIMEOUT)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200
                    ? new Status("up", url, Instant.now())
                    : new Status("down", url + " answered " + response.statusCode(), Instant.now());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Status("unknown", "probe interrupted", Instant.now());
        } catch (Exception e) {
            return new Status("down", url + ": " + e.getClass().getSimpleName(), Instant.now());
        }
    }

    private Status modelStorage() {
        ModelStorage store = storage.getIfAvailable();
        if (store == null) {
            return new Status(
                    "not_configured", "no AIHUB_S3_ENDPOINT: models can be read but not registered", Instant.now());
        }
        String where = settings.s3().endpoint() + " bucket " + store.bucket();
        try {
            store.ping();
            return new Status("up", where, Instant.now());
        } catch (ModelStorageException e) {
            return new Status("down", where + ": " + e.getMessage(), Instant.now());
        }
    }

    private Status redis() {
        if (!redis.enabled()) {
            return new Status(
                    "not_configured",
                    "AIHUB_REDIS_URL is none: online features are served from the state stores",
                    Instant.now());
        }
        try {
            redis.ping();
            return new Status("up", redis.describe(), Instant.now());
        } catch (OnlineStoreException e) {
            return new Status(
                    "down",
                    e.getMessage() + " (online features are served from the state stores until it is back)",
                    Instant.now());
        }
    }

    private Status offlineStore() {
        OfflineStore store = offlineStore.getIfAvailable();
        if (store == null) {
            return new Status(
                    "not_configured",
                    "the offline store is not configured (AIHUB_POSTGRES_URL): the feature export answers 503",
                    Instant.now());
        }
        try (Connection connection = store.connect();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) TIMEOUT.toSeconds());
            statement.execute("SELECT 1");
            return new Status("up", store.describe(), Instant.now());
        } catch (SQLException e) {
            return new Status("down", store.describe() + ": " + e.getMessage(), Instant.now());
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }
}
