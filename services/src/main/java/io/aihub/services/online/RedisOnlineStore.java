package io.aihub.services.online;

import io.aihub.schemas.FeatureVector;
import io.aihub.services.config.AihubProperties;
import io.aihub.topology.features.FeatureSettings;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application's Redis client (lettuce): one connection for the reads of request threads, one for the pipelined
 * writes of the {@link VectorMaterializer}. Both are made lazily by {@link #connect()} (never on a request thread), so
 * the application starts and serves from the state stores while Redis is down; once made, lettuce reconnects them by
 * itself, and commands fail at once while they are disconnected. Each vector is applied by one Lua script
 * ({@code apply-vector.lua}) that keeps the cached answers exact (README, "Redis online store").
 */
@Component
public class RedisOnlineStore implements DisposableBean {

    /** One vector to apply, with its position in the {@code features} topic. */
    record Write(int partition, long offset, FeatureVector vector) {}

    private static final String APPLY = script("apply-vector.lua");
    private static final String READ = script("read-vector.lua");

    private final AihubProperties.Redis settings;
    private final Duration retention;
    private final VectorJson json;
    private final @Nullable ClientResources resources;
    private final @Nullable RedisClient client;
    private final @Nullable RedisClient writeClient;
    private final @Nullable RedisURI uri;
    private final String ttlSeconds;
    private volatile @Nullable StatefulRedisConnection<String, String> reads;
    private volatile @Nullable StatefulRedisConnection<String, String> writes;
    private volatile String applySha = "";
    private volatile String readSha = "";

    RedisOnlineStore(AihubProperties settings, JsonMapper json) {
        this.settings = settings.redis();
        this.retention = settings.features().retention();
        this.json = new VectorJson(json);
        this.ttlSeconds = Long.toString(this.settings.ttl().toSeconds());
        if (this.settings.enabled()) {
            this.uri = RedisURI.create(this.settings.url());
            this.uri.setTimeout(this.settings.timeout());
            this.resources = DefaultClientResources.create();
            this.client = client(resources, uri, this.settings.timeout());
            this.writeClient = client(resources, uri, writeTimeout(this.settings));
        } else {
            this.uri = null;
            this.resources = null;
            this.client = null;
            this.writeClient = null;
        }
    }

    /**
     * How long a batch's commands may take before the batch is retried: ten times {@code AIHUB_REDIS_TIMEOUT} (5 s by
     * default). Writes are not on any request's path; a shorter limit only made a loaded machine retry batches that
     * Redis was about to acknowledge. A Redis that is down fails them at once anyway (commands are rejected while
     * disconnected).
     */
    static Duration writeTimeout(AihubProperties.Redis settings) {
        return settings.timeout().multipliedBy(10);
    }

    /** A client whose commands fail at once while disconnected and after {@code timeout} otherwise. */
    private static RedisClient client(ClientResources resources, RedisURI uri, Duration timeout) {
        RedisClient created = RedisClient.create(resources, uri);
        created.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(
                        SocketOptions.builder().connectTimeout(uri.getTimeout()).build())
                .build());
        return created;
    }

    private static String script(String name) {
        try (InputStream in = RedisOnlineStore.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " next to RedisOnlineStore");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    /** Whether {@code AIHUB_REDIS_URL} configures a store. */
    public boolean enabled() {
        return client != null;
    }

    /** {@code host:port/db} of the store (no credentials), or {@code disabled}. */
    public String describe() {
        RedisURI at = uri;
        return at == null
                ? "disabled"
                : (at.isSsl() ? "rediss://" : "redis://") + at.getHost() + ":" + at.getPort() + "/" + at.getDatabase();
    }

    /**
     * Connects if not connected, checks the server with a PING and (re)loads the scripts (a restarted server has
     * forgotten them). Called by the materialiser's thread and the health probe, never by a request thread.
     *
     * @throws OnlineStoreException if Redis cannot be reached or refuses
     */
    synchronized void connect() {
        RedisClient redis = client;
        RedisClient writer = writeClient;
        if (redis == null || writer == null) {
            throw new OnlineStoreException("the online store is disabled (AIHUB_REDIS_URL)");
        }
        try {
            if (reads == null) {
                reads = redis.connect();
            }
            if (writes == null) {
                var connection = writer.connect();
                connection.setAutoFlushCommands(false);
                writes = connection;
            }
            var sync = connected(reads).sync();
            sync.ping();
            applySha = sync.scriptLoad(APPLY);
            readSha = sync.scriptLoad(READ);
        } catch (RedisException e) {
            throw new OnlineStoreException(describe() + ": " + e.getMessage(), e);
        }
    }

    private static StatefulRedisConnection<String, String> connected(
            @Nullable StatefulRedisConnection<String, String> connection) {
        if (connection == null || !connection.isOpen()) {
            throw new OnlineStoreException("not connected to Redis");
        }
        return connection;
    }

    /**
     * Sends one pipelined batch of vectors (one flush); the future completes when Redis has acknowledged all of them
     * and fails if any was refused. Only the materialiser's thread calls it.
     */
    CompletableFuture<Void> apply(List<Write> batch) {
        var connection = connected(writes);
        // keys and JSON first, so that the commands are queued in one go just before the flush
        List<String[]> keys = new ArrayList<>(batch.size());
        List<String[]> args = new ArrayList<>(batch.size());
        for (Write write : batch) {
            FeatureVector vector = write.vector();
            String tenant = vector.getTenantId();
            String asset = vector.getAssetId();
            keys.add(new String[] {
                OnlineKeys.hourKey(tenant, asset, vector.getTimestamp()), OnlineKeys.latestKey(tenant, asset)
            });
            args.add(new String[] {
                vector.getMetric(),
                Long.toString(vector.getTimestamp().toEpochMilli()),
                Integer.toString(write.partition()),
                Long.toString(write.offset()),
                json.write(vector),
                ttlSeconds,
                OnlineKeys.assetPrefix(tenant, asset)
            });
        }
        var async = connection.async();
        List<CompletableFuture<Long>> acks = new ArrayList<>(batch.size());
        for (int i = 0; i < keys.size(); i++) {
            RedisFuture<Long> ack = async.evalsha(applySha, ScriptOutputType.INTEGER, keys.get(i), args.get(i));
            acks.add(ack.toCompletableFuture());
        }
        connection.flushCommands();
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
    }

    /**
     * The vector Redis holds for the series at exactly {@code at}, if it is the stores' answer at {@code at} as of the
     * last vector applied: the hour key of {@code at} holds a vector with that very timestamp, the series' applied
     * marker is present, and {@code at} is still inside the stores' retention ({@code at - 169h >= watermark -
     * AIHUB_FEATURES_RETENTION}). Empty otherwise.
     *
     * @throws OnlineStoreException if Redis is disabled, not connected, too slow or refuses
     */
    public Optional<CachedVector> exact(String tenantId, String assetId, String metric, Instant at) {
        var connection = connected(reads);
        String[] keys = {OnlineKeys.hourKey(tenantId, assetId, at), OnlineKeys.latestKey(tenantId, assetId)};
        List<Object> found;
        try {
            found = await(connection.async().evalsha(readSha, ScriptOutputType.MULTI, keys, metric));
        } catch (OnlineStoreException e) {
            if (!(e.getCause() instanceof RedisNoScriptException)) {
                throw e;
            }
            found = await(connection.async().eval(READ, ScriptOutputType.MULTI, keys, metric));
        }
        if (found.size() < 2 || found.get(0) == null || found.get(1) == null) {
            return Optional.empty();
        }
        String marker = found.get(1).toString();
        Instant watermark = Instant.ofEpochMilli(Long.parseLong(marker.substring(0, marker.indexOf(' '))));
        CachedVector vector = json.read(found.get(0).toString(), watermark);
        boolean same = vector.timestamp().equals(at)
                && vector.tenantId().equals(tenantId)
                && vector.assetId().equals(assetId)
                && vector.metric().equals(metric);
        boolean retained = !at.minus(FeatureSettings.LOOKBACK).isBefore(watermark.minus(retention));
        return same && retained ? Optional.of(vector) : Optional.empty();
    }

    /**
     * Deletes every key of one asset of one tenant (its hour keys and its latest key).
     *
     * @return how many keys were deleted (0: nothing was cached for the asset)
     * @throws OnlineStoreException if Redis is disabled, not connected, too slow or refuses
     */
    public long invalidate(String tenantId, String assetId) {
        var sync = connected(reads).sync();
        try {
            ScanArgs match = ScanArgs.Builder.matches(OnlineKeys.assetPattern(tenantId, assetId))
                    .limit(1000);
            long deleted = 0;
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = sync.scan(cursor, match);
                if (!page.getKeys().isEmpty()) {
                    deleted += sync.del(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
            return deleted;
        } catch (RedisException e) {
            throw new OnlineStoreException(describe() + ": " + e.getMessage(), e);
        }
    }

    /** PING over the read connection, connecting first if needed (health probe). */
    public void ping() {
        if (reads == null || writes == null) {
            connect();
        }
        try {
            connected(reads).sync().ping();
        } catch (RedisException e) {
            throw new OnlineStoreException(describe() + ": " + e.getMessage(), e);
        }
    }

    private <T> T await(RedisFuture<T> future) {
        try {
            return future.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OnlineStoreException("interrupted while reading Redis", e);
        } catch (ExecutionException e) {
            throw new OnlineStoreException(describe() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new OnlineStoreException(describe() + " did not answer within " + settings.timeout(), e);
        }
    }

    @Override
    public void destroy() {
        var current = List.of(Optional.ofNullable(reads), Optional.ofNullable(writes));
        current.forEach(c -> c.ifPresent(StatefulRedisConnection::close));
        for (RedisClient redis : new RedisClient[] {client, writeClient}) {
            if (redis != null) {
                redis.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        }
        ClientResources shared = resources;
        if (shared != null) {
            shared.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }
}
