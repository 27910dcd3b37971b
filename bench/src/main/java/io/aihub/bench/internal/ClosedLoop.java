package io.aihub.bench.internal;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop HTTP load: {@code concurrency} platform threads, each sending one request, waiting for the answer,
 * and sending the next (no think time), for a warm-up and then a measured interval. The warm-up lasts at least its
 * minimum and then until this JVM's JIT compilers are quiet ({@link JitQuiet}), up to its maximum. Each request is a
 * random one of the prepared requests. Latency is wall time around {@link HttpClient#send}, in microseconds; requests started
 * inside the measured interval count. A closed loop does not correct for coordinated omission: a stall delays the
 * requests that would have been sent meanwhile instead of recording them as slow.
 */
public final class ClosedLoop {

    private static final long MAX_MICROS = TimeUnit.SECONDS.toMicros(60);
    private static final int ERRORS_SHOWN = 5;

    /** How the client threads send requests. */
    public enum Clients {
        /** One blocking keep-alive socket per client thread ({@link RawHttpConnection}): microseconds of overhead. */
        RAW,
        /** One HttpClient (and connection) per client thread. */
        PER_THREAD,
        /** One HttpClient for all threads, with its connection pool. */
        SHARED
    }

    /**
     * The outcome of one run: the measured latencies, the warm-up it took, whether the JIT was quiet when the
     * measurement began, and the compilation time spent during the measurement (all compiler threads).
     */
    public record Outcome(
            Histogram latencyMicros,
            long requests,
            long errors,
            double seconds,
            double warmupSeconds,
            boolean jitQuiet,
            long jitMillisMeasured) {
        public double rps() {
            return requests / seconds;
        }
    }

    /** When the client threads measure: unknown (never) until the warm-up ends. */
    private static final class Window {
        volatile long from = Long.MAX_VALUE;
        volatile long until = Long.MAX_VALUE;
    }

    private ClosedLoop() {}

    /**
     * Runs the load: a warm-up of at least {@code warmup} that goes on until the JIT is quiet or {@code warmupMax}
     * has passed, then {@code measure}.
     */
    public static Outcome run(
            List<HttpRequest> requests,
            int concurrency,
            Clients clients,
            Duration warmup,
            Duration warmupMax,
            Duration measure)
            throws InterruptedException {
        long start = System.nanoTime();
        Window window = new Window();
        AtomicLong errors = new AtomicLong();
        AtomicInteger errorsShown = new AtomicInteger();
        HttpClient shared = clients == Clients.SHARED ? newClient() : null;
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<HttpClient> owned = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            Histogram histogram = new Histogram(MAX_MICROS, 3);
            histograms.add(histogram);
            HttpClient client = shared != null || clients == Clients.RAW ? shared : newClient();
            if (shared == null && client != null) {
                owned.add(client);
            }
            if (clients == Clients.RAW) {
                threads.add(Thread.ofPlatform()
                        .name("bench-client-" + t)
                        .start(() -> rawLoop(requests, histogram, errors, errorsShown, window)));
                continue;
            }
            threads.add(Thread.ofPlatform().name("bench-client-" + t).start(() -> {
                var random = ThreadLocalRandom.current();
                try {
                    while (true) {
                        long sent = System.nanoTime();
                        if (sent >= window.until) {
                            return;
                        }
                        HttpRequest request = requests.get(random.nextInt(requests.size()));
                        boolean ok;
                        String problem = null;
                        try {
                            HttpResponse<byte[]> response =
                                    client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                            ok = response.statusCode() == 200;
                            if (!ok) {
                                problem = response.statusCode() + " "
                                        + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
                            }
                        } catch (IOException e) {
                            ok = false;
                            problem = e.toString();
                        }
                        long answered = System.nanoTime();
                        if (sent >= window.from) {
                            histogram.recordValue(Math.min(MAX_MICROS, (answered - sent) / 1_000));
                            if (!ok) {
                                errors.incrementAndGet();
                            }
                        }
                        if (!ok && errorsShown.getAndIncrement() < ERRORS_SHOWN) {
                            Console.progress("request to %s failed: %s", request.uri(), problem);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        JitQuiet jit = JitQuiet.ofThisJvm();
        Thread.sleep(warmup);
        boolean quiet = jit.await(warmupMax.minus(warmup));
        long measureFrom = System.nanoTime();
        long jitBefore = jit.compiledMillis();
        window.until = measureFrom + measure.toNanos();
        window.from = measureFrom;
        if (!quiet) {
            Console.progress(
                    "the JIT was still compiling after %d s of warm-up; measuring anyway", warmupMax.toSeconds());
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long jitMeasured = jit.compiledMillis() - jitBefore;
        if (shared != null) {
            shared.close();
        }
        owned.forEach(HttpClient::close);
        Histogram total = new Histogram(MAX_MICROS, 3);
        histograms.forEach(total::add);
        double seconds = measure.toNanos() / 1e9;
        return new Outcome(
                total, total.getTotalCount(), errors.get(), seconds, (measureFrom - start) / 1e9, quiet, jitMeasured);
    }

    private static void rawLoop(
            List<HttpRequest> requests,
            Histogram histogram,
            AtomicLong errors,
            AtomicInteger errorsShown,
            Window window) {
        var random = ThreadLocalRandom.current();
        List<byte[]> encoded = new ArrayList<>(requests.size());
        for (HttpRequest request : requests) {
            encoded.add(RawHttpConnection.encode(request.method(), request.uri(), BodyBytes.of(request)));
        }
        var body = new java.io.ByteArrayOutputStream(8192);
        // one keep-alive connection per instance (port) this thread talks to
        var connections = new java.util.HashMap<Integer, RawHttpConnection>();
        try {
            while (true) {
                long sent = System.nanoTime();
                if (sent >= window.until) {
                    return;
                }
                int index = random.nextInt(encoded.size());
                boolean ok;
                String problem = null;
                var uri = requests.get(index).uri();
                try {
                    RawHttpConnection connection = connections.get(uri.getPort());
                    if (connection == null) {
                        connection = new RawHttpConnection(uri.getHost(), uri.getPort());
                        connections.put(uri.getPort(), connection);
                    }
                    int status = connection.exchange(encoded.get(index), body);
                    if (connection.closing()) {
                        closeQuietly(connections.remove(uri.getPort()));
                    }
                    ok = status == 200;
                    if (!ok) {
                        problem = status + " " + body.toString(java.nio.charset.StandardCharsets.UTF_8);
                    }
                } catch (IOException e) {
                    ok = false;
                    problem = e.toString();
                    closeQuietly(connections.remove(uri.getPort()));
                }
                long answered = System.nanoTime();
                if (sent >= window.from) {
                    histogram.recordValue(Math.min(MAX_MICROS, (answered - sent) / 1_000));
                    if (!ok) {
                        errors.incrementAndGet();
                    }
                }
                if (!ok && errorsShown.getAndIncrement() < ERRORS_SHOWN) {
                    Console.progress(
                            "request to %s failed: %s", requests.get(index).uri(), problem);
                }
            }
        } finally {
            connections.values().forEach(ClosedLoop::closeQuietly);
        }
    }

    private static void closeQuietly(RawHttpConnection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException e) {
                Console.progress("closing a bench connection failed: %s", e);
            }
        }
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }
}
