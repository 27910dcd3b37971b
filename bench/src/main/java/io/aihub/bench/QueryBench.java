package io.aihub.bench;

import io.aihub.bench.internal.AppInstance;
import io.aihub.bench.internal.AppSettings;
import io.aihub.bench.internal.ClosedLoop;
import io.aihub.bench.internal.Console;
import io.aihub.bench.internal.FeatureDrain;
import io.aihub.bench.internal.Flags;
import io.aihub.bench.internal.Harness;
import io.aihub.bench.internal.Infrastructure;
import io.aihub.bench.internal.Latency;
import io.aihub.bench.internal.Machine;
import io.aihub.bench.internal.ReadingProducer;
import io.aihub.bench.internal.StallReport;
import io.aihub.bench.internal.Telemetry;
import io.aihub.services.query.InteractiveQueries;
import io.aihub.services.query.Route;
import io.aihub.services.standalone.ApicurioSerdes;
import io.aihub.topology.Topics;
import io.aihub.topology.features.FeatureStores;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./aihub bench query}: REST feature reads ({@code POST /ai/features/get}) against two app instances of one
 * Kafka Streams application, for keys read at their owner ({@code local}) and at the other instance, which forwards
 * once ({@code forwarded}), at several closed-loop concurrencies. Prints one JSON line per case; exits 1 if any
 * request was answered with anything but 200.
 */
public final class QueryBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PATH = "/ai/features/get";

    private QueryBench() {}

    public static void main(String[] args) {
        Harness.main("query", args, QueryBench::run);
    }

    private static int run(Flags flags) throws InterruptedException {
        int assets = flags.positive("assets", 2_000, "assets loaded (tenant bench, metric value)");
        int hours = flags.positive("hours", 200, "hourly readings per asset, ending in the last full hour");
        List<String> cases = Arrays.asList(flags.string(
                        "cases",
                        "baseline,local,forwarded",
                        "cases to run: baseline (GET /actuator/health/liveness at the owner: the client, Tomcat and loopback"
                                + " floor of this machine), local, forwarded")
                .split(","));
        int[] concurrencies = Arrays.stream(flags.string("concurrency", "1,16,64", "closed-loop client counts")
                        .split(","))
                .mapToInt(QueryBench::concurrency)
                .toArray();
        Duration warmup = flags.duration("warmup", "3s", "shortest warm-up of each case, not measured");
        Duration warmupMax = flags.duration(
                "warmup-max",
                "60s",
                "longest warm-up of each case: after --warmup it goes on until the JIT compilers are quiet (under 10 ms"
                        + " of compilation in a second), at most this long");
        Duration measure = flags.duration("seconds", "10s", "measured duration of each case");
        var clients = ClosedLoop.Clients.valueOf(flags.string(
                        "http-client",
                        "raw",
                        "raw (a blocking keep-alive socket per client thread, microseconds of overhead), per-thread"
                                + " (one java.net.http.HttpClient per client thread) or shared (one HttpClient)")
                .toUpperCase(Locale.ROOT)
                .replace('-', '_'));
        int partitions = flags.positive("partitions", 6, "partitions of the app's topics");
        int threads = flags.positive("threads", 1, "Kafka Streams threads per app instance");
        String bootstrap = flags.optional("bootstrap", "external Kafka bootstrap servers (default: in-process broker)");
        String registry = flags.optional("registry", "external Apicurio v3 API URL (default: child-process server)");
        Map<String, Object> appProperties = flags.properties(
                "app-properties", "extra app settings, e.g. aihub.streams.commit-interval=50ms,aihub.x=y");
        if (flags.helpRequested()) {
            System.err.print(flags.usage());
            return 0;
        }
        flags.rejectUnknown();
        if (warmupMax.compareTo(warmup) < 0) {
            throw new Flags.UsageException("--warmup-max must be at least --warmup");
        }
        for (String name : cases) {
            if (!name.equals("local") && !name.equals("forwarded") && !name.equals("baseline")) {
                throw new Flags.UsageException("--cases takes baseline, local and/or forwarded, got '" + name + "'");
            }
        }

        try (Infrastructure infrastructure = Infrastructure.start(bootstrap, registry)) {
            String run = "bench-query-" + Long.toString(System.currentTimeMillis(), 36);
            Console.progress(
                    "starting two app instances (%d partitions, %d stream thread(s) each)", partitions, threads);
            try (AppInstance first = AppInstance.start(
                            instanceSettings(infrastructure, run, partitions, threads, 1, hours, appProperties));
                    AppInstance second = AppInstance.start(
                            instanceSettings(infrastructure, run, partitions, threads, 2, hours, appProperties))) {
                List<AppInstance> instances = List.of(first, second);
                for (AppInstance instance : instances) {
                    instance.awaitRunning(Duration.ofMinutes(2));
                }

                Topics topics = Topics.of(run + "-", new ApicurioSerdes(infrastructure.registryUrl())::value);
                var telemetry = new Telemetry(assets, 7);
                long firstHour = Instant.now()
                        .truncatedTo(ChronoUnit.HOURS)
                        .minus(hours, ChronoUnit.HOURS)
                        .toEpochMilli();
                long readings = (long) assets * hours;
                try (var drain = new FeatureDrain(
                                infrastructure.bootstrapServers(),
                                topics.features().name(),
                                topics.deadLetter().name())
                        .start()) {
                    var phase = drain.beginPhase("load", 0, readings, false);
                    Console.progress("loading %d assets x %d hourly readings", assets, hours);
                    long started = System.nanoTime();
                    try (var producer = new ReadingProducer(
                            infrastructure.bootstrapServers(), topics.telemetry(), telemetry, 10, 256 * 1024, "lz4")) {
                        for (int hour = 0; hour < hours; hour++) {
                            for (int asset = 0; asset < assets; asset++) {
                                producer.send(asset, firstHour + hour * 3_600_000L);
                            }
                        }
                        producer.flush();
                    }
                    var drained = phase.await(
                            Duration.ofSeconds(60),
                            () -> Console.progress("load: %d of %d feature vectors", phase.received(), readings));
                    if (drained.received() < readings || drain.deadLetters() > 0) {
                        Console.progress(
                                "FAILED: %d of %d vectors, %d dead letters",
                                drained.received(), readings, drain.deadLetters());
                        StallReport.print(
                                infrastructure.bootstrapServers(),
                                run,
                                topics.features().name(),
                                instances);
                        return 1;
                    }
                    Console.progress("loaded %d readings in %.1f s", readings, (System.nanoTime() - started) / 1e9);
                }

                // a fixed timestamp inside the data: half past the last loaded hour
                String at = Instant.ofEpochMilli(firstHour + (hours - 1) * 3_600_000L + 1_800_000L)
                        .toString();
                int[] owner = owners(instances, telemetry);
                long ownedByFirst = Arrays.stream(owner).filter(o -> o == 0).count();
                Console.progress(
                        "keys owned: %d by instance 1 (port %d), %d by instance 2 (port %d)",
                        ownedByFirst, first.port(), assets - ownedByFirst, second.port());
                awaitAnswerable(instances, telemetry, owner, at);

                int status = 0;
                for (String name : cases) {
                    boolean forwarded = name.equals("forwarded");
                    List<HttpRequest> requests = new ArrayList<>(assets);
                    for (int asset = 0; asset < assets; asset++) {
                        AppInstance target = instances.get(forwarded ? 1 - owner[asset] : owner[asset]);
                        requests.add(
                                name.equals("baseline")
                                        ? baseline(target)
                                        : request(target, telemetry.assetId(asset), at));
                    }
                    for (int concurrency : concurrencies) {
                        Console.progress(
                                "case %s, concurrency %d: %.0f-%.0f s warm-up (until the JIT is quiet), %.0f s measured",
                                name,
                                concurrency,
                                warmup.toMillis() / 1e3,
                                warmupMax.toMillis() / 1e3,
                                measure.toMillis() / 1e3);
                        var outcome = ClosedLoop.run(requests, concurrency, clients, warmup, warmupMax, measure);
                        Histogram latency = outcome.latencyMicros();
                        Map<String, Object> result = new LinkedHashMap<>();
                        result.put("bench", "query");
                        result.put("case", name);
                        result.put("concurrency", concurrency);
                        Latency.put(result, latency, true);
                        result.put("rps", Math.round(outcome.rps()));
                        result.put("requests", outcome.requests());
                        result.put("errors", outcome.errors());
                        result.put("warmup_s", Console.round3(outcome.warmupSeconds()));
                        result.put("jit_quiet", outcome.jitQuiet());
                        result.put("jit_ms", outcome.jitMillisMeasured());
                        result.put("assets", assets);
                        result.put(
                                "http_client",
                                clients.name().toLowerCase(Locale.ROOT).replace('_', '-'));
                        result.put("machine", Machine.describe());
                        Console.result(result);
                        if (outcome.errors() > 0) {
                            status = 1;
                        }
                    }
                }
                int[] after = owners(instances, telemetry);
                if (!Arrays.equals(owner, after)) {
                    Console.progress("WARNING: key ownership changed during the run (a rebalance happened)");
                }
                return status;
            }
        }
    }

    private static Map<String, Object> instanceSettings(
            Infrastructure infrastructure,
            String run,
            int partitions,
            int threads,
            int number,
            int hours,
            Map<String, Object> appProperties) {
        Map<String, Object> settings =
                AppSettings.of(infrastructure, run, partitions, threads, "state-" + number, "", "");
        // the load's vectors are up to `hours` old by event time, their record time: a week (the broker's default)
        // from now, or the broker deletes the oldest at a retention check, perhaps before the drain has read them
        settings.put(
                "aihub.topics.features-retention",
                Duration.ofHours(hours).plusDays(7).toMillis() + "ms");
        settings.putAll(appProperties);
        return settings;
    }

    /**
     * For each asset, the index of the instance that owns its key, as both instances see it (they must agree).
     */
    private static int[] owners(List<AppInstance> instances, Telemetry telemetry) {
        int[] owner = new int[telemetry.assets()];
        for (int asset = 0; asset < owner.length; asset++) {
            String key = telemetry.key(asset);
            int[] seen = new int[instances.size()];
            for (int i = 0; i < instances.size(); i++) {
                Route route = instances.get(i).bean(InteractiveQueries.class).route(FeatureStores.READINGS, key);
                seen[i] = switch (route) {
                    case Route.Local local -> i;
                    case Route.Remote remote ->
                        indexOfPort(instances, remote.host().port());
                };
            }
            if (seen[0] != seen[1]) {
                throw new IllegalStateException("the instances disagree on the owner of " + key + ": "
                        + Arrays.toString(seen) + " (a rebalance is in progress)");
            }
            owner[asset] = seen[0];
        }
        return owner;
    }

    private static int indexOfPort(List<AppInstance> instances, int port) {
        for (int i = 0; i < instances.size(); i++) {
            if (instances.get(i).port() == port) {
                return i;
            }
        }
        throw new IllegalStateException("a key is owned by an unknown instance on port " + port);
    }

    /** Asks every key once at its owner until each answers 200 with features; retries for up to a minute. */
    private static void awaitAnswerable(List<AppInstance> instances, Telemetry telemetry, int[] owner, String at)
            throws InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        try (client) {
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            List<Integer> pending = new ArrayList<>();
            for (int asset = 0; asset < telemetry.assets(); asset++) {
                pending.add(asset);
            }
            long nullFeatures = 0;
            String lastProblem = "";
            while (!pending.isEmpty()) {
                List<Integer> failed = new ArrayList<>();
                for (int asset : pending) {
                    var request = request(instances.get(owner[asset]), telemetry.assetId(asset), at);
                    try {
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 404 || response.statusCode() == 503) {
                            failed.add(asset); // not loaded or not queryable yet
                            lastProblem = response.statusCode() + " " + response.body();
                            continue;
                        }
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("feature read of " + telemetry.assetId(asset) + " answered "
                                    + response.statusCode() + ": " + response.body());
                        }
                        JsonNode features = JSON.readTree(response.body()).path("features");
                        for (JsonNode value : features) {
                            if (value.isNull()) {
                                nullFeatures++;
                            }
                        }
                    } catch (IOException e) {
                        failed.add(asset);
                        lastProblem = e.toString();
                    }
                }
                if (failed.isEmpty()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            failed.size() + " keys still not answerable after a minute; last: " + lastProblem);
                }
                Console.progress("%d keys not answerable yet (%s); retrying", failed.size(), lastProblem);
                pending = failed;
                Thread.sleep(500);
            }
            Console.progress(
                    "every key answers at its owner (%d null feature values over %d keys)",
                    nullFeatures, telemetry.assets());
        }
    }

    /** The cheapest request the application answers: what any endpoint costs on this machine before its work. */
    private static HttpRequest baseline(AppInstance target) {
        return HttpRequest.newBuilder(URI.create(target.baseUrl() + "/actuator/health/liveness"))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
    }

    private static HttpRequest request(AppInstance target, String assetId, String at) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant_id", Telemetry.TENANT);
        body.put("asset_id", assetId);
        body.put("metric", Telemetry.METRIC);
        body.put("feature_set", "forecast_basic");
        body.put("timestamp", at);
        return HttpRequest.newBuilder(URI.create(target.baseUrl() + PATH))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build();
    }

    private static int concurrency(String text) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Flags.UsageException("--concurrency takes positive whole numbers, e.g. 1,16,64; got '" + text + "'");
    }
}
