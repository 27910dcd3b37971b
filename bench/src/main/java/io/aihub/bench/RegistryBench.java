package io.aihub.bench;

import io.aihub.bench.internal.AppInstance;
import io.aihub.bench.internal.AppSettings;
import io.aihub.bench.internal.Console;
import io.aihub.bench.internal.Flags;
import io.aihub.bench.internal.Harness;
import io.aihub.bench.internal.Infrastructure;
import io.aihub.bench.internal.KeepAliveClient;
import io.aihub.bench.registry.RegistryCases;
import io.aihub.bench.registry.SwapModels;
import io.aihub.services.standalone.ApicurioSerdes;
import io.aihub.topology.Topics;
import io.aihub.topology.models.SeasonalProfileModel;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    static final List<String> CASES = List.of("register", "get", "list", "promote_to_stream");
    /** Cases run only when asked for. */
    static final List<String> OPTIONAL_CASES = List.of("baseline");
    /** The two levels the swap versions are trained on, alternately. */
    static final double LOW = SwapModels.LOW;

    static final double HIGH = SwapModels.HIGH;

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
            Map<String, Object> appProperties)
            implements RegistryCases.Settings {

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

        /** Whether versions must be registered: for the register case or to read them back. */
        @Override
        public boolean registers() {
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
        Harness.main("registry", args, RegistryBench::run);
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
            Map<String, Object> settings = AppSettings.of(
                    infrastructure,
                    run,
                    options.partitions(),
                    options.threads(),
                    "state",
                    options.processingGuarantee(),
                    options.commitInterval());
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
                return new RegistryCases(options, app, http)
                        .run(
                                infrastructure.bootstrapServers(),
                                () -> Topics.of(run + "-", new ApicurioSerdes(infrastructure.registryUrl())::value));
            }
        }
    }

    /** {@link SwapModels#readingValue}. */
    static double readingValue(
            long eventTime, SeasonalProfileModel before, SeasonalProfileModel after, double sensitivity) {
        return SwapModels.readingValue(eventTime, before, after, sensitivity);
    }

    /** {@link SwapModels#profileAround}. */
    static SeasonalProfileModel profileAround(double level) {
        return SwapModels.profileAround(level);
    }

    /** {@link SwapModels#swapId}. */
    static String swapId(int round) {
        return SwapModels.swapId(round);
    }
}
