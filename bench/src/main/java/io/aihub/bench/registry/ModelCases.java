package io.aihub.bench.registry;

import static io.aihub.bench.registry.RegistryClient.JSON;
import static io.aihub.bench.registry.RegistryClient.expect;
import static io.aihub.bench.registry.RegistryClient.registration;
import static io.aihub.bench.registry.ResultLines.MAX_MICROS;

import io.aihub.bench.internal.Console;
import io.aihub.bench.internal.Latency;
import io.aihub.bench.internal.Machine;
import io.aihub.topology.models.ModelArtifacts;
import io.aihub.topology.models.SeasonalProfileModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;

/**
 * The request cases of the registry harness, sequential over one connection: {@code register}, then {@code get} and
 * {@code list} of what it registered; and {@code baseline}, the cheapest request of the app.
 */
public final class ModelCases {

    /** What the cases take from the command line. */
    public interface Settings {

        Set<String> cases();

        int models();

        int artifactKb();

        int warmupModels();

        int gets();

        int lists();

        int warmupRequests();
    }

    private final Settings settings;
    private final RegistryClient client;
    private final ResultLines lines;
    private final List<String> registered = new ArrayList<>();

    ModelCases(Settings settings, RegistryClient client, ResultLines lines) {
        this.settings = settings;
        this.client = client;
        this.lines = lines;
    }

    int register() {
        byte[] artifact = settings.artifactKb() == 0
                ? ModelArtifacts.write(SwapModels.profileAround(SwapModels.LOW))
                : opaqueArtifact(settings.artifactKb() * 1024);
        String kind = settings.artifactKb() == 0 ? SeasonalProfileModel.KIND : "opaque";
        double load = Machine.loadAverage();
        if (settings.warmupModels() > 0) {
            Console.progress("register warm-up: %d versions of %s", settings.warmupModels(), SwapModels.WARMUP_MODEL);
            for (int i = 0; i < settings.warmupModels(); i++) {
                var reply = client.send(
                        "POST",
                        "/ai/models/register",
                        registration(SwapModels.WARMUP_MODEL, "v1.0." + i, artifact, kind, "staging"));
                expect(reply, 201, "warm-up registration");
            }
        }
        Console.progress(
                "register: %d versions of %s:%s, artifact %d bytes (%s)",
                settings.models(), SwapModels.TENANT, SwapModels.MODEL, artifact.length, kind);
        Histogram latency = ResultLines.histogram();
        long[] each = new long[settings.models()];
        long errors = 0;
        long loopStarted = System.nanoTime();
        for (int i = 0; i < settings.models(); i++) {
            String version = "v1.0." + i;
            byte[] request = client.encode(
                    "POST", "/ai/models/register", registration(SwapModels.MODEL, version, artifact, kind, "staging"));
            long started = System.nanoTime();
            int status = client.exchange(request);
            long micros = (System.nanoTime() - started) / 1_000;
            each[i] = micros;
            latency.recordValue(Math.min(MAX_MICROS, micros));
            if (status == 201) {
                registered.add(SwapModels.TENANT + ":" + SwapModels.MODEL + ":" + version);
            } else {
                errors++;
                client.problem("registration of " + version, status);
            }
            if ((i + 1) % 50 == 0) {
                Console.progress("register: %d of %d", i + 1, settings.models());
            }
        }
        double seconds = (System.nanoTime() - loopStarted) / 1e9;
        if (settings.cases().contains("register")) {
            int tenth = Math.max(1, settings.models() / 10);
            Map<String, Object> result = lines.start("register");
            result.put("models", settings.models());
            result.put("artifact_bytes", artifact.length);
            result.put("artifact_kind", kind);
            Latency.put(result, latency, false);
            result.put("mean_ms", Console.round3(latency.getMean() / 1000.0));
            result.put("p50_first_10pct_ms", Latency.millis(median(Arrays.copyOfRange(each, 0, tenth))));
            result.put(
                    "p50_last_10pct_ms",
                    Latency.millis(median(Arrays.copyOfRange(each, settings.models() - tenth, settings.models()))));
            result.put("registrations_per_s", Console.round3(settings.models() / seconds));
            result.put("errors", errors);
            lines.finish(result, load);
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
            requests.add(client.encode("GET", "/ai/models/" + id, null));
        }
        double load = Machine.loadAverage();
        // every id once, checked, then the rest of the warm-up
        for (int i = 0; i < registered.size(); i++) {
            var reply = client.send("GET", "/ai/models/" + registered.get(i), null);
            expect(reply, 200, "GET of " + registered.get(i));
            String id = JSON.readTree(reply.body()).path("model_id").asString();
            if (!id.equals(registered.get(i))) {
                throw new IllegalStateException("GET of " + registered.get(i) + " answered model " + id);
            }
        }
        int responseBytes = client.lastBodyLength();
        Console.progress("get: %d warm-up + %d measured requests", settings.warmupRequests(), settings.gets());
        return readCase("get", requests, settings.gets(), load, result -> {
            result.put("models", registered.size());
            result.put("response_bytes", responseBytes);
        });
    }

    int baseline() {
        String path = "/actuator/health/liveness";
        double load = Machine.loadAverage();
        expect(client.send("GET", path, null), 200, "GET " + path);
        Console.progress("baseline: %d warm-up + %d measured GET %s", settings.warmupRequests(), settings.gets(), path);
        return readCase("baseline", List.of(client.encode("GET", path, null)), settings.gets(), load, result -> {});
    }

    int list() {
        String path = "/ai/models/?tenant_id=" + SwapModels.TENANT + "&model_name=" + SwapModels.MODEL;
        double load = Machine.loadAverage();
        var reply = client.send("GET", path, null);
        expect(reply, 200, "GET " + path);
        JsonNode body = JSON.readTree(reply.body());
        int returned = body.path("models").size();
        long listed = body.path("total").asLong();
        if (listed != registered.size()) {
            Console.progress("WARNING: list reports %d versions, %d were registered", listed, registered.size());
        }
        Console.progress("list: %d warm-up + %d measured requests", settings.warmupRequests(), settings.lists());
        return readCase("list", List.of(client.encode("GET", path, null)), settings.lists(), load, result -> {
            result.put("total", listed);
            result.put("returned", returned);
            result.put("response_bytes", reply.body().length);
        });
    }

    /** Sequential requests, round-robin over {@code requests}: a warm-up, then {@code count} measured. */
    private int readCase(
            String name, List<byte[]> requests, int count, double load, Consumer<Map<String, Object>> extra) {
        for (int i = 0; i < settings.warmupRequests(); i++) {
            client.exchange(requests.get(i % requests.size()));
        }
        Histogram latency = ResultLines.histogram();
        long errors = 0;
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long sent = System.nanoTime();
            int status = client.exchange(requests.get(i % requests.size()));
            latency.recordValue(Math.min(MAX_MICROS, (System.nanoTime() - sent) / 1_000));
            if (status != 200) {
                errors++;
                client.problem(name + " request", status);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> result = lines.start(name);
        result.put("requests", count);
        extra.accept(result);
        Latency.put(result, latency, true);
        result.put("rps", Math.round(count / seconds));
        result.put("errors", errors);
        lines.finish(result, load);
        return errors == 0 ? 0 : 1;
    }

    private static byte[] opaqueArtifact(int bytes) {
        byte[] artifact = new byte[bytes];
        new SplittableRandom(42).nextBytes(artifact);
        return artifact;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
