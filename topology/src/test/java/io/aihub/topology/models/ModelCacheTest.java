package io.aihub.topology.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ModelCacheTest {

    private static final Duration TTL = Duration.ofMinutes(10);

    private final AtomicLong nanos = new AtomicLong();
    private final Artifacts artifacts = new Artifacts();

    /** An in-memory artifact store that counts downloads per model id. */
    private static final class Artifacts implements ArtifactLoader {
        private final Map<String, byte[]> bySha = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> loads = new ConcurrentHashMap<>();

        ModelRef register(String modelId, TrainedModel model) {
            byte[] bytes = ModelArtifacts.write(model);
            String sha = ModelArtifacts.sha256Hex(bytes);
            bySha.put(sha, bytes);
            return new ModelRef(modelId, sha, bytes.length);
        }

        @Override
        public byte[] load(ModelRef ref) throws IOException {
            loads.computeIfAbsent(ref.modelId(), id -> new AtomicInteger()).incrementAndGet();
            byte[] bytes = bySha.get(ref.sha256Hex());
            if (bytes == null) {
                throw new IOException("no object " + ref.sha256Hex());
            }
            return bytes;
        }

        int loads(String modelId) {
            AtomicInteger count = loads.get(modelId);
            return count == null ? 0 : count.get();
        }
    }

    private ModelCache cache(int maxModels) {
        return new ModelCache(new ModelCacheSettings(maxModels, TTL, 1 << 20), nanos::get);
    }

    @Test
    void shouldLoadOncePerKeyEvenUnderConcurrentCallers() throws Exception {
        ModelRef ref = artifacts.register("load-profile", Synthetic.profile(0));
        var entered = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        ArtifactLoader slowLoader = r -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            return artifacts.load(r);
        };
        ModelCache cache = cache(4);
        int callers = 8;
        var start = new CyclicBarrier(callers);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            var results = new ArrayList<Future<TrainedModel>>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return cache.get(ref, slowLoader);
                }));
            }

            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            awaitRequests(cache, callers);
            release.countDown();

            TrainedModel first = results.getFirst().get(10, TimeUnit.SECONDS);
            for (Future<TrainedModel> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isSameAs(first);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(artifacts.loads("load-profile")).isEqualTo(1);
        assertThat(cache.stats()).isEqualTo(new ModelCacheStats(callers - 1, 1, 1, 0, 0, 1));
    }

    @Test
    void shouldEvictBeyondMaxModelsAndKeepTheOftenReadOne() {
        ModelCache cache = cache(2);
        ModelRef a = artifacts.register("a", Synthetic.profile(0));
        ModelRef b = artifacts.register("b", Synthetic.profile(1));
        ModelRef c = artifacts.register("c", Synthetic.profile(2));

        cache.get(a, artifacts);
        cache.get(b, artifacts);
        for (int i = 0; i < 5; i++) {
            cache.get(a, artifacts);
        }
        cache.get(c, artifacts);
        cache.get(a, artifacts);

        assertThat(cache.stats().evictions()).isEqualTo(1);
        assertThat(cache.stats().size()).isEqualTo(2);
        assertThat(artifacts.loads("a")).isEqualTo(1);
    }

    @Test
    void shouldExpireAModelNotReadForTheTtlOnly() {
        ModelCache cache = cache(4);
        ModelRef ref = artifacts.register("ttl", Synthetic.profile(0));

        TrainedModel loaded = cache.get(ref, artifacts);
        advance(Duration.ofMinutes(9));
        cache.get(ref, artifacts);
        advance(Duration.ofMinutes(9)); // 18 minutes after the load, 9 after the last read
        TrainedModel stillCached = cache.get(ref, artifacts);
        assertThat(stillCached).isSameAs(loaded);
        assertThat(artifacts.loads("ttl")).isEqualTo(1);

        advance(TTL.plusSeconds(1));
        TrainedModel reloaded = cache.get(ref, artifacts);

        assertThat(reloaded).isNotSameAs(loaded).isEqualTo(loaded);
        assertThat(artifacts.loads("ttl")).isEqualTo(2);
        assertThat(cache.stats().evictions()).isEqualTo(1);
    }

    @Test
    void shouldKeepAReRegisteredVersionWithOtherBytesAsAnotherEntry() {
        ModelCache cache = cache(4);
        ModelRef v1 = artifacts.register("household-42", Synthetic.profile(0));
        ModelRef v2 = artifacts.register("household-42", Synthetic.profile(10));

        var first = (SeasonalProfileModel) cache.get(v1, artifacts);
        var second = (SeasonalProfileModel) cache.get(v2, artifacts);
        cache.get(v1, artifacts);

        assertThat(v2.sha256Hex()).isNotEqualTo(v1.sha256Hex());
        assertThat(second.expected(0) - first.expected(0)).isCloseTo(10, within(1e-9));
        assertThat(artifacts.loads("household-42")).isEqualTo(2);
        assertThat(cache.invalidate("household-42")).isEqualTo(2);
        assertThat(cache.stats().size()).isZero();
    }

    @Test
    void shouldReportFailuresOfAWarmUpWithoutThrowing() {
        ModelCache cache = cache(4);
        ModelRef good = artifacts.register("good", Synthetic.profile(0));
        ModelRef missing = new ModelRef("missing", "ab".repeat(32), 100);
        byte[] otherBytes = ModelArtifacts.write(Synthetic.profile(3));
        artifacts.bySha.put("cd".repeat(32), otherBytes);
        ModelRef tampered = new ModelRef("tampered", "cd".repeat(32), otherBytes.length);

        WarmUpReport report = cache.warmUp(List.of(good, missing, tampered), artifacts);

        assertThat(report.complete()).isFalse();
        assertThat(report.loaded()).containsExactly(good);
        assertThat(report.failed()).extracting(WarmUpReport.Failure::ref).containsExactly(missing, tampered);
        assertThat(report.failed().get(0).error())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("cannot fetch the artifact of model missing")
                .hasCauseInstanceOf(IOException.class);
        assertThat(report.failed().get(1).error()).isInstanceOf(ChecksumMismatchException.class);
        cache.get(good, artifacts);
        assertThat(artifacts.loads("good")).isEqualTo(1);
    }

    @Test
    void shouldNotCacheAFailedLoad() {
        ModelCache cache = cache(4);
        ModelRef ref = artifacts.register("flaky", Synthetic.profile(0));
        var attempts = new AtomicInteger();
        ArtifactLoader flaky = r -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IOException("S3 unavailable");
            }
            return artifacts.load(r);
        };

        assertThatThrownBy(() -> cache.get(ref, flaky))
                .isInstanceOf(ModelLoadException.class)
                .hasRootCauseMessage("S3 unavailable");
        assertThat(cache.get(ref, flaky)).isInstanceOf(SeasonalProfileModel.class);
        assertThat(cache.stats().loadFailures()).isEqualTo(1);
        assertThat(cache.stats().loads()).isEqualTo(2);
    }

    @Test
    void shouldRefuseByRegisteredSizeBeforeFetchingAndCheckTheFetchedSize() {
        var cache = new ModelCache(new ModelCacheSettings(4, TTL, 1000), nanos::get);
        ModelRef huge = new ModelRef("huge", "ef".repeat(32), 1001);
        ModelRef ref = artifacts.register("sized", Synthetic.profile(0));
        ModelRef wrongSize = new ModelRef("sized", ref.sha256Hex(), ref.sizeBytes() + 1);
        var big = new ModelCache(new ModelCacheSettings(4, TTL, 1 << 20), nanos::get);

        assertThatThrownBy(() -> cache.get(huge, artifacts))
                .isInstanceOf(ArtifactTooLargeException.class)
                .hasMessageContaining("model huge (registered size) is 1001 bytes, over the limit of 1000");
        assertThat(artifacts.loads("huge")).isZero();
        assertThatThrownBy(() -> big.get(wrongSize, artifacts))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining("the registry recorded " + (ref.sizeBytes() + 1));
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    /** Waits until every caller has asked the cache (each is then a hit or the miss). */
    private static void awaitRequests(ModelCache cache, int callers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (cache.stats().hits() + cache.stats().misses() < callers) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + cache.stats() + " after 10 s");
            }
            Thread.sleep(1);
        }
    }
}
