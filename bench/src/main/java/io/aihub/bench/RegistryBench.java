package io.aihub.bench;

import io.aihub.bench.internal.AnomalyWatcher;
import io.aihub.bench.internal.AppInstance;
import io.aihub.bench.internal.Console;
import io.aihub.bench.internal.Flags;
import io.aihub.bench.internal.Infrastructure;
import io.aihub.bench.internal.KeepAliveClient;
import io.aihub.bench.internal.Machine;
import io.aihub.schemas.TelemetryReading;
import io.aihub.services.config.AihubProperties;
import io.aihub.services.standalone.ApicurioSerdes;
import io.aihub.topology.Topics;
import io.aihub.topology.features.SeriesKey;
import io.aihub.topology.models.ModelArtifacts;
import io.aihub.topology.models.SeasonalProfileModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./aihub bench registry}: the model registry of one app instance, end to end (REST, registry commands
 * through Kafka, S3 uploads, the global store, the stream's scoring).
 *
 * <ol>
 *   <li>{@code register}: {@code --models} sequential registrations of distinct versions of one model.
 *   <li>{@code get}: {@code --gets} sequential {@code GET /ai/models/{id}} over the registered versions.
 *   <li>{@code list}: {@code --lists} sequential {@code GET /ai/models/?tenant_id=&model_name=}.
 *   <li>{@code promote_to_stream}: {@code --swaps} rounds of "register a staging version trained on the other level,
 *       promote it, send one reading per {@code --reading-interval} that only the new version finds anomalous, until
 *       an AnomalyEvent scored by the new version is read from the anomalies topic".
 * </ol>
 *
 * One JSON line per case on stdout; exits 1 if any request failed or a swap did not reach the stream in time.
 */
public final class RegistryBench {

    static final String TENANT = "bench";
    static final String MODEL = "bench-profile";
    static final String WARMUP_MODEL = "bench-warmup";
    static final String SWAP_MODEL = "bench-swap";
    static final String SWAP_ASSET = "swap-meter";
    static final String METRIC = "value";
    /** The two levels the swap versions are trained on, alternately. */
    static final double LOW = 10.0;

    static final double HIGH = 100.0;
    static final List<String> CASES = List.of("register", "get", "list", "promote_to_stream");
    /** Cases run only when asked for. */
    static final List<String> OPTIONAL_CASES = List.of("baseline");

    private static final long HOUR = 3_600_000L;
    private static final Instant TRAINING_START = Instant.parse("2026-01-05T00:00:00Z");
    private static final long MAX_MICROS = TimeUnit.SECONDS.toMicros(120);
    private static final int ERRORS_SHOWN = 5;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RegistryBench() {}

    /** The command line, validated. */
    record Options(
            Set<String> cases,
            int models,
            int artifactKb,
            int warmupModels,
            int gets,
            int lists,
            int warmupRequests,
            int swaps,
            int warmupSwaps,
            Duration readingInterval,
            Duration swapTimeout,
            int partitions,
            int threads,
            String processingGuarantee,
            String commitInterval,
            String bootstrap,
            String registry,
            String s3Endpoint,
            String s3AccessKey,
            String s3SecretKey,
            Map<String, Object> appProperties) {

        /** Reads every flag of the harness (declaring it for {@code --help}); throws on a bad value. */
        static Options from(Flags flags) {
            String casesText = flags.string(
                    "cases",
                    String.join(",", CASES),
                    "cases to run, comma-separated; also baseline (GET /actuator/health/liveness, --gets times: the"
                            + " client, Tomcat and loopback floor of the moment)");
            Set<String> cases = new LinkedHashSet<>();
            for (String name : casesText.split(",")) {
                String trimmed = name.trim();
                if (!CASES.contains(trimmed) && !OPTIONAL_CASES.contains(trimmed)) {
                    throw new Flags.UsageException("--cases takes " + String.join(", ", CASES) + " and/or "
                            + String.join(", ", OPTIONAL_CASES) + "; got '" + name + "'");
                }
                cases.add(trimmed);
            }
            var options = new Options(
                    cases,
                    flags.positive("models", 200, "versions registered (and measured) in the register case"),
                    nonNegative(
                            flags,
                            "artifact-kb",
                            0,
                            "0: each artifact is a real seasonal-profile model (~5 KB); N: an opaque artifact of N KiB"),
                    nonNegative(flags, "warmup-models", 20, "registrations of another model before measuring"),
                    flags.positive("gets", 20_000, "measured GET /ai/models/{id} requests"),
                    flags.positive("lists", 3_000, "measured GET /ai/models/?tenant_id=&model_name= requests"),
                    nonNegative(flags, "warmup-requests", 1_000, "unmeasured requests before the get and list cases"),
                    flags.positive("swaps", 20, "measured promote-to-stream rounds"),
                    nonNegative(flags, "warmup-swaps", 2, "unmeasured promote-to-stream rounds before them"),
                    flags.duration("reading-interval", "20ms", "one reading per interval until the new model scores"),
                    flags.duration("swap-timeout", "30s", "a round fails if the new model has not scored by then"),
                    flags.positive("partitions", 6, "partitions of the app's topics"),
                    flags.positive("threads", 1, "Kafka Streams threads of the app"),
                    flags.optional(
                            "processing-guarantee",
                            "exactly_once_v2 or at_least_once (default: the app's, at_least_once)"),
                    flags.optional("commit-interval", "Kafka Streams commit interval, e.g. 50ms (default: the app's)"),
                    flags.optional("bootstrap", "external Kafka bootstrap servers (default: in-process broker)"),
                    flags.optional("registry", "external Apicurio v3 API URL (default: child-process server)"),
                    flags.optional("s3-endpoint", "external S3 endpoint (default: in-process S3Proxy, in memory)"),
                    flags.string("s3-access-key", "aihub", "access key of --s3-endpoint"),
                    flags.string("s3-secret-key", "aihub-secret", "secret key of --s3-endpoint"),
                    flags.properties(
                            "app-properties", "extra app settings, e.g. aihub.models.warm-up=false,aihub.x=y"));
            if (options.readingInterval.isZero() || options.readingInterval.isNegative()) {
                throw new Flags.UsageException("--reading-interval must be > 0");
            }
            if (options.swapTimeout.compareTo(options.readingInterval) <= 0) {
                throw new Flags.UsageException("--swap-timeout must be longer than --reading-interval");
            }
            return options;
        }

        /** Whether versions of {@link #MODEL} must be registered: for the register case or to read them back. */
        boolean registers() {
            return cases.contains("register") || cases.contains("get") || cases.contains("list");
        }
    }

    private static int nonNegative(Flags flags, String key, int defaultValue, String doc) {
        int value = flags.integer(key, defaultValue, doc);
        if (value < 0) {
            throw new Flags.UsageException("--" + key + " must be >= 0, got " + value);
        }
        return value;
    }

    public static void main(String[] args) {
        Console.claimStdout();
        int status;
        try {
            status = run(Flags.parse("registry", args));
        } catch (Flags.UsageException e) {
            System.err.println(e.getMessage());
            status = 2;
        } catch (Exception e) {
            Console.progress("FAILED: %s", e);
            e.printStackTrace(System.err);
            status = 1;
        }
        System.exit(status);
    }

    private static int run(Flags flags) throws InterruptedException {
        Options options = Options.from(flags);
        if (flags.helpRequested()) {
            System.err.print(flags.usage());
            return 0;
        }
        flags.rejectUnknown();

        long runStarted = System.nanoTime();
        try (Infrastructure infrastructure = Infrastructure.start(options.bootstrap(), options.registry())) {
            infrastructure.withS3(options.s3Endpoint(), options.s3AccessKey(), options.s3SecretKey());
            String run = "bench-registry-" + Long.toString(System.currentTimeMillis(), 36);
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("aihub.kafka.bootstrap-servers", infrastructure.bootstrapServers());
            settings.put("aihub.registry.url", infrastructure.registryUrl());
            settings.put("aihub.topics.prefix", run + "-");
            settings.put("aihub.topics.partitions", options.partitions());
            settings.put("aihub.streams.application-id", run);
            settings.put("aihub.streams.state-dir", infrastructure.directory("state"));
            settings.put("aihub.streams.threads", options.threads());
            if (!options.processingGuarantee().isBlank()) {
                settings.put("aihub.streams.processing-guarantee", options.processingGuarantee());
            }
            if (!options.commitInterval().isBlank()) {
                settings.put("aihub.streams.commit-interval", options.commitInterval());
            }
            settings.putAll(infrastructure.s3Settings());
            settings.putAll(options.appProperties());
            Console.progress(
                    "starting the app instance (%d partitions, %d stream threads)",
                    options.partitions(), options.threads());
            try (AppInstance app = AppInstance.start(settings);
                    KeepAliveClient http = new KeepAliveClient(app.baseUrl())) {
                app.awaitRunning(Duration.ofMinutes(2));
                Console.progress(
                        "app running on port %d after %.1f s", app.port(), (System.nanoTime() - runStarted) / 1e9);
                Map<String, Object> common = commonFields(app.settings());
                var bench = new Run(options, app, http, common);
                int status = 0;
                if (options.cases().contains("baseline")) {
                    status |= bench.baseline();
                }
                if (options.registers()) {
                    status |= bench.register();
                    if (options.cases().contains("get")) {
                        status |= bench.get();
                    }
                    if (options.cases().contains("list")) {
                        status |= bench.list();
                    }
                }
                if (options.cases().contains("promote_to_stream")) {
                    Topics topics = Topics.of(run + "-", new ApicurioSerdes(infrastructure.registryUrl())::value);
                    status |= bench.promoteToStream(infrastructure.bootstrapServers(), topics);
                }
                return status;
            }
        }
    }

    /** The fields every result line ends with: the app's effective settings and the machine. */
    private static Map<String, Object> commonFields(AihubProperties effective) {
        Map<String, Object> common = new LinkedHashMap<>();
        common.put("partitions", effective.topics().partitions());
        common.put("stream_threads", effective.streams().threads());
        common.put("processing_guarantee", effective.streams().processingGuarantee());
        var commit = effective.streams().commitInterval();
        // unset = Kafka Streams' default for the guarantee: 30 s at-least-once, 100 ms exactly-once
        common.put(
                "commit_interval_ms",
                commit != null
                        ? commit.toMillis()
                        : effective.streams().processingGuarantee().equals("at_least_once") ? 30_000 : 100);
        common.put("sensitivity", effective.anomaly().sensitivity());
        common.put("machine", Machine.describe());
        return common;
    }

    /** One run's state: the app, its client, and what the register case left for the read cases. */
    private static final class Run {
        private final Options options;
        private final AppInstance app;
        private final KeepAliveClient http;
        private final Map<String, Object> common;
        private final List<String> registered = new ArrayList<>();
        private int errorsShown;

        Run(Options options, AppInstance app, KeepAliveClient http, Map<String, Object> common) {
            this.options = options;
            this.app = app;
            this.http = http;
            this.common = common;
        }

        int register() {
            byte[] artifact = options.artifactKb() == 0
                    ? ModelArtifacts.write(profileAround(LOW))
                    : opaqueArtifact(options.artifactKb() * 1024);
            String kind = options.artifactKb() == 0 ? SeasonalProfileModel.KIND : "opaque";
            double load = Machine.loadAverage();
            if (options.warmupModels() > 0) {
                Console.progress("register warm-up: %d versions of %s", options.warmupModels(), WARMUP_MODEL);
                for (int i = 0; i < options.warmupModels(); i++) {
                    var reply = send(
                            "POST",
                            "/ai/models/register",
                            registration(WARMUP_MODEL, "v1.0." + i, artifact, kind, "staging"));
                    expect(reply, 201, "warm-up registration");
                }
            }
            Console.progress(
                    "register: %d versions of %s:%s, artifact %d bytes (%s)",
                    options.models(), TENANT, MODEL, artifact.length, kind);
            Histogram latency = histogram();
            long[] each = new long[options.models()];
            long errors = 0;
            long loopStarted = System.nanoTime();
            for (int i = 0; i < options.models(); i++) {
                String version = "v1.0." + i;
                byte[] request = http.encode(
                        "POST", "/ai/models/register", registration(MODEL, version, artifact, kind, "staging"));
                long started = System.nanoTime();
                int status = exchange(request);
                long micros = (System.nanoTime() - started) / 1_000;
                each[i] = micros;
                latency.recordValue(Math.min(MAX_MICROS, micros));
                if (status == 201) {
                    registered.add(TENANT + ":" + MODEL + ":" + version);
                } else {
                    errors++;
                    problem("registration of " + version, status);
                }
                if ((i + 1) % 50 == 0) {
                    Console.progress("register: %d of %d", i + 1, options.models());
                }
            }
            double seconds = (System.nanoTime() - loopStarted) / 1e9;
            if (options.cases().contains("register")) {
                int tenth = Math.max(1, options.models() / 10);
                Map<String, Object> result = start("register");
                result.put("models", options.models());
                result.put("artifact_bytes", artifact.length);
                result.put("artifact_kind", kind);
                putLatency(result, latency, false);
                result.put("mean_ms", Console.round3(latency.getMean() / 1000.0));
                result.put("p50_first_10pct_ms", millis(median(Arrays.copyOfRange(each, 0, tenth))));
                result.put(
                        "p50_last_10pct_ms",
                        millis(median(Arrays.copyOfRange(each, options.models() - tenth, options.models()))));
                result.put("registrations_per_s", Console.round3(options.models() / seconds));
                result.put("errors", errors);
                finish(result, load);
            }
            return errors == 0 ? 0 : 1;
        }

        int get() {
            if (registered.isEmpty()) {
                Console.progress("get: no registered versions to read; skipped");
                return 1;
            }
            List<byte[]> requests = new ArrayList<>();
            for (String id : registered) {
                requests.add(http.encode("GET", "/ai/models/" + id, null));
            }
            double load = Machine.loadAverage();
            // every id once, checked, then the rest of the warm-up
            for (int i = 0; i < registered.size(); i++) {
                var reply = send("GET", "/ai/models/" + registered.get(i), null);
                expect(reply, 200, "GET of " + registered.get(i));
                String id = JSON.readTree(reply.body()).path("model_id").asString();
                if (!id.equals(registered.get(i))) {
                    throw new IllegalStateException("GET of " + registered.get(i) + " answered model " + id);
                }
            }
            int responseBytes = http.lastBodyLength();
            Console.progress("get: %d warm-up + %d measured requests", options.warmupRequests(), options.gets());
            return readCase("get", requests, options.gets(), load, result -> {
                result.put("models", registered.size());
                result.put("response_bytes", responseBytes);
            });
        }

        int baseline() {
            String path = "/actuator/health/liveness";
            double load = Machine.loadAverage();
            expect(send("GET", path, null), 200, "GET " + path);
            Console.progress(
                    "baseline: %d warm-up + %d measured GET %s", options.warmupRequests(), options.gets(), path);
            return readCase("baseline", List.of(http.encode("GET", path, null)), options.gets(), load, result -> {});
        }

        int list() {
            String path = "/ai/models/?tenant_id=" + TENANT + "&model_name=" + MODEL;
            double load = Machine.loadAverage();
            var reply = send("GET", path, null);
            expect(reply, 200, "GET " + path);
            JsonNode body = JSON.readTree(reply.body());
            int returned = body.path("models").size();
            long listed = body.path("total").asLong();
            if (listed != registered.size()) {
                Console.progress("WARNING: list reports %d versions, %d were registered", listed, registered.size());
            }
            Console.progress("list: %d warm-up + %d measured requests", options.warmupRequests(), options.lists());
            return readCase("list", List.of(http.encode("GET", path, null)), options.lists(), load, result -> {
                result.put("total", listed);
                result.put("returned", returned);
                result.put("response_bytes", reply.body().length);
            });
        }

        /** Sequential requests, round-robin over {@code requests}: a warm-up, then {@code count} measured. */
        private int readCase(
                String name, List<byte[]> requests, int count, double load, Consumer<Map<String, Object>> extra) {
            for (int i = 0; i < options.warmupRequests(); i++) {
                exchange(requests.get(i % requests.size()));
            }
            Histogram latency = histogram();
            long errors = 0;
            long started = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long sent = System.nanoTime();
                int status = exchange(requests.get(i % requests.size()));
                latency.recordValue(Math.min(MAX_MICROS, (System.nanoTime() - sent) / 1_000));
                if (status != 200) {
                    errors++;
                    problem(name + " request", status);
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<String, Object> result = start(name);
            result.put("requests", count);
            extra.accept(result);
            putLatency(result, latency, true);
            result.put("rps", Math.round(count / seconds));
            result.put("errors", errors);
            finish(result, load);
            return errors == 0 ? 0 : 1;
        }

        int promoteToStream(String bootstrapServers, Topics topics) throws InterruptedException {
            double sensitivity = app.settings().anomaly().sensitivity();
            var low = profileAround(LOW);
            var high = profileAround(HIGH);
            Map<Double, byte[]> artifacts = Map.of(LOW, ModelArtifacts.write(low), HIGH, ModelArtifacts.write(high));
            Map<Double, SeasonalProfileModel> profiles = Map.of(LOW, low, HIGH, high);
            double load = Machine.loadAverage();
            Histogram fromPromoted = histogram();
            Histogram fromRequest = histogram();
            Histogram promote = histogram();
            long readingsMeasured = 0;
            long staleReadings = 0;
            long staleMax = 0;
            long timeouts = 0;
            int completed = 0;
            try (var watcher = new AnomalyWatcher(bootstrapServers, topics.anomalies()).start();
                    var readings = new Readings(bootstrapServers, topics)) {
                // a production version first; the stream must score with it before anything is measured
                String currentId = swapId(0);
                double currentLevel = LOW;
                expect(
                        send(
                                "POST",
                                "/ai/models/register",
                                registration(
                                        SWAP_MODEL,
                                        "v1.0.0",
                                        artifacts.get(LOW),
                                        SeasonalProfileModel.KIND,
                                        "production")),
                        201,
                        "registration of " + currentId);
                Console.progress("promote_to_stream: waiting for %s to score in the stream", currentId);
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                int sent = 0;
                AnomalyWatcher.Seen first = null;
                while (first == null) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(
                                currentId + " did not score any of " + sent + " readings within 2 minutes");
                    }
                    long t = readings.nextEventTime();
                    readings.send(t, readingValue(t, high, low, sensitivity));
                    sent++;
                    first = watcher.awaitFirst(
                            currentId,
                            System.nanoTime() + options.readingInterval().toNanos());
                }
                Console.progress("promote_to_stream: %s scores in the stream (%d readings)", currentId, sent);

                int rounds = options.warmupSwaps() + options.swaps();
                for (int round = 1; round <= rounds; round++) {
                    boolean measured = round > options.warmupSwaps();
                    double level = currentLevel == LOW ? HIGH : LOW;
                    String id = swapId(round);
                    expect(
                            send(
                                    "POST",
                                    "/ai/models/register",
                                    registration(
                                            SWAP_MODEL,
                                            version(id),
                                            artifacts.get(level),
                                            SeasonalProfileModel.KIND,
                                            "staging")),
                            201,
                            "registration of " + id);
                    SeasonalProfileModel before = profiles.get(currentLevel);
                    SeasonalProfileModel after = profiles.get(level);
                    byte[] request = http.encode(
                            "PUT",
                            "/ai/models/" + id + "/promote",
                            JSON.writeValueAsBytes(Map.of("target_stage", "production")));
                    long requested = System.nanoTime();
                    var reply = exchangeOrThrow(request, "promote of " + id);
                    long promoted = System.nanoTime();
                    expect(reply, 200, "promote of " + id);
                    String archived = JSON.readTree(reply.body())
                            .path("archived_model_id")
                            .asString();
                    if (!currentId.equals(archived)) {
                        throw new IllegalStateException(
                                "promoting " + id + " archived " + archived + ", expected " + currentId);
                    }
                    long giveUp = promoted + options.swapTimeout().toNanos();
                    long due = promoted;
                    int readingsSent = 0;
                    long firstReading = -1;
                    AnomalyWatcher.Seen scored = null;
                    while (scored == null) {
                        long now = System.nanoTime();
                        if (now >= giveUp) {
                            break;
                        }
                        if (now >= due) {
                            long t = readings.nextEventTime();
                            readings.send(t, readingValue(t, before, after, sensitivity));
                            if (readingsSent++ == 0) {
                                firstReading = t;
                            }
                            due += options.readingInterval().toNanos();
                        }
                        scored = watcher.awaitFirst(id, Math.min(due, giveUp));
                    }
                    if (scored == null) {
                        timeouts++;
                        Console.progress(
                                "FAILED: round %d: %s did not score any of %d readings within %s of its promote",
                                round, id, readingsSent, options.swapTimeout());
                        break;
                    }
                    long toEvent = Math.max(0, scored.receivedNanos() - promoted) / 1_000;
                    // readings sent after the promote's 200 that the old version still scored
                    long stale = (scored.eventTime() - firstReading) / HOUR;
                    if (measured) {
                        fromPromoted.recordValue(Math.min(MAX_MICROS, toEvent));
                        fromRequest.recordValue(Math.min(MAX_MICROS, (scored.receivedNanos() - requested) / 1_000));
                        promote.recordValue(Math.min(MAX_MICROS, (promoted - requested) / 1_000));
                        readingsMeasured += readingsSent;
                        staleReadings += stale;
                        staleMax = Math.max(staleMax, stale);
                        completed++;
                    }
                    Console.progress(
                            "promote_to_stream %s %d: %s scored %.1f ms after the promote's 200 (promote %.1f ms,"
                                    + " %d readings sent, the first %d of them still scored by the old version)",
                            measured ? "round" : "warm-up round",
                            measured ? round - options.warmupSwaps() : round,
                            id,
                            toEvent / 1e3,
                            (promoted - requested) / 1e6,
                            readingsSent,
                            stale);
                    currentId = id;
                    currentLevel = level;
                }
                Map<String, Object> result = start("promote_to_stream");
                result.put("swaps", options.swaps());
                result.put("completed", completed);
                result.put("timeouts", timeouts);
                putLatency(result, fromPromoted, false);
                result.put("from_request_p50_ms", millis(fromRequest.getValueAtPercentile(50)));
                result.put("from_request_p99_ms", millis(fromRequest.getValueAtPercentile(99)));
                result.put("from_request_max_ms", millis(fromRequest.getMaxValue()));
                result.put("promote_p50_ms", millis(promote.getValueAtPercentile(50)));
                result.put("promote_max_ms", millis(promote.getMaxValue()));
                result.put(
                        "readings_per_swap",
                        completed == 0 ? 0 : Console.round3((double) readingsMeasured / completed));
                result.put("stale_readings", staleReadings);
                result.put("stale_readings_max", staleMax);
                result.put("reading_interval_ms", options.readingInterval().toMillis());
                result.put("anomaly_events", watcher.events());
                finish(result, load);
            }
            return timeouts == 0 && completed == options.swaps() ? 0 : 1;
        }

        private KeepAliveClient.Response send(String method, String path, byte @Nullable [] body) {
            return exchangeOrThrow(http.encode(method, path, body), method + " " + path);
        }

        private KeepAliveClient.Response exchangeOrThrow(byte[] request, String what) {
            try {
                return http.exchange(request);
            } catch (IOException e) {
                throw new UncheckedIOException(what + " failed", e);
            }
        }

        /** The status of one exchange, -1 for an I/O failure (logged). */
        private int exchange(byte[] request) {
            try {
                return http.exchangeStatus(request);
            } catch (IOException e) {
                if (errorsShown++ < ERRORS_SHOWN) {
                    Console.progress("request failed: %s", e);
                }
                return -1;
            }
        }

        private void problem(String what, int status) {
            if (status >= 0 && errorsShown++ < ERRORS_SHOWN) {
                Console.progress("%s answered %d: %s", what, status, http.lastBodyText());
            }
        }

        private Map<String, Object> start(String name) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("bench", "registry");
            result.put("case", name);
            return result;
        }

        private void finish(Map<String, Object> result, double loadBefore) {
            result.putAll(common);
            result.put("load_avg_1m", loadBefore);
            Console.result(result);
        }
    }

    /** Sends hourly readings of {@link #SWAP_ASSET}, event time starting at the last full hour. */
    private static final class Readings implements AutoCloseable {
        private final KafkaProducer<String, TelemetryReading> producer;
        private final String topic;
        private final String key = SeriesKey.partitionKey(TENANT, SWAP_ASSET);
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private long next = Instant.now().truncatedTo(ChronoUnit.HOURS).toEpochMilli();

        Readings(String bootstrapServers, Topics topics) {
            Map<String, Object> config = new HashMap<>();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-swap-readings");
            this.producer = new KafkaProducer<>(
                    config,
                    topics.telemetry().keySerde().serializer(),
                    topics.telemetry().valueSerde().serializer());
            this.topic = topics.telemetry().name();
        }

        long nextEventTime() {
            long t = next;
            next += HOUR;
            return t;
        }

        void send(long eventTime, double value) {
            Exception failed = failure.get();
            if (failed != null) {
                throw new IllegalStateException("sending a reading failed", failed);
            }
            var reading =
                    new TelemetryReading(TENANT, SWAP_ASSET, METRIC, Instant.ofEpochMilli(eventTime), value, 1, "kW");
            producer.send(new ProducerRecord<>(topic, null, eventTime, key, reading), (metadata, exception) -> {
                if (exception != null) {
                    failure.compareAndSet(null, exception);
                }
            });
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(10));
        }
    }

    /**
     * The value of a reading at {@code eventTime} that {@code before} (the production version until the promote)
     * finds normal and {@code after} (the promoted one) anomalous: {@code before}'s expected value at that hour of
     * the week (robust z = 0). Throws if {@code after} would not flag it at {@code sensitivity}.
     */
    static double readingValue(
            long eventTime, SeasonalProfileModel before, SeasonalProfileModel after, double sensitivity) {
        int hour = SeasonalProfileModel.hourOfWeek(eventTime);
        double value = before.expected(hour);
        if (Math.abs(before.robustZ(hour, value)) >= sensitivity
                || Math.abs(after.robustZ(hour, value)) < sensitivity) {
            throw new IllegalStateException("no reading separates the two swap versions at hour of week " + hour);
        }
        return value;
    }

    /** A seasonal profile trained on four weeks of hourly values around {@code level} (±0.5), as ModelHotSwapIT. */
    static SeasonalProfileModel profileAround(double level) {
        int n = 24 * 7 * 4;
        long[] times = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = TRAINING_START.toEpochMilli() + i * HOUR;
            values[i] = level + ((i * 7919) % 11 - 5) * 0.1;
        }
        return SeasonalProfileModel.train(times, values);
    }

    static String swapId(int round) {
        return TENANT + ":" + SWAP_MODEL + ":v1.0." + round;
    }

    private static String version(String id) {
        return id.substring(id.lastIndexOf(':') + 1);
    }

    private static byte[] opaqueArtifact(int bytes) {
        byte[] artifact = new byte[bytes];
        new SplittableRandom(42).nextBytes(artifact);
        return artifact;
    }

    /** The JSON body of a registration. */
    private static byte[] registration(String model, String version, byte[] artifact, String kind, String stage) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant_id", TENANT);
        body.put("model_name", model);
        body.put("version", version);
        body.put("model_type", "anomaly");
        body.put("stage", stage);
        body.put("model_file", Base64.getEncoder().encodeToString(artifact));
        body.put("metadata", Map.of("algorithm", kind, "metric", METRIC));
        body.put("metrics", Map.of("training_samples", 672));
        return JSON.writeValueAsBytes(body);
    }

    private static void expect(KeepAliveClient.Response reply, int status, String what) {
        if (reply.status() != status) {
            throw new IllegalStateException(what + " answered " + reply.status() + ": " + reply.text());
        }
    }

    private static Histogram histogram() {
        return new Histogram(MAX_MICROS, 3);
    }

    private static void putLatency(Map<String, Object> result, Histogram latency, boolean p999) {
        result.put("p50_ms", millis(latency.getValueAtPercentile(50)));
        result.put("p99_ms", millis(latency.getValueAtPercentile(99)));
        if (p999) {
            result.put("p999_ms", millis(latency.getValueAtPercentile(99.9)));
        }
        result.put("max_ms", millis(latency.getMaxValue()));
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double millis(long micros) {
        return Console.round3(micros / 1000.0);
    }
}
