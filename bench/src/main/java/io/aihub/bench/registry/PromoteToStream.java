package io.aihub.bench.registry;

import static io.aihub.bench.registry.RegistryClient.JSON;
import static io.aihub.bench.registry.RegistryClient.expect;
import static io.aihub.bench.registry.RegistryClient.registration;
import static io.aihub.bench.registry.ResultLines.MAX_MICROS;
import static io.aihub.bench.registry.SwapModels.HIGH;
import static io.aihub.bench.registry.SwapModels.LOW;

import io.aihub.bench.internal.AnomalyWatcher;
import io.aihub.bench.internal.Console;
import io.aihub.bench.internal.Latency;
import io.aihub.bench.internal.Machine;
import io.aihub.topology.Topics;
import io.aihub.topology.models.ModelArtifacts;
import io.aihub.topology.models.SeasonalProfileModel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The {@code promote_to_stream} case of the registry harness: {@code swaps} rounds of "register a staging version
 * trained on the other level, promote it, send one reading per {@code readingInterval} that only the new version finds
 * anomalous, until an AnomalyEvent scored by the new version is read from the anomalies topic".
 */
public final class PromoteToStream {

    /** What the case takes from the command line. */
    public interface Settings {

        int swaps();

        int warmupSwaps();

        Duration readingInterval();

        Duration swapTimeout();
    }

    private final Settings settings;
    private final RegistryClient client;
    private final ResultLines lines;
    private final double sensitivity;

    PromoteToStream(Settings settings, RegistryClient client, ResultLines lines, double sensitivity) {
        this.settings = settings;
        this.client = client;
        this.lines = lines;
        this.sensitivity = sensitivity;
    }

    int run(String bootstrapServers, Topics topics) throws InterruptedException {
        var low = SwapModels.profileAround(LOW);
        var high = SwapModels.profileAround(HIGH);
        Map<Double, byte[]> artifacts = Map.of(LOW, ModelArtifacts.write(low), HIGH, ModelArtifacts.write(high));
        Map<Double, SeasonalProfileModel> profiles = Map.of(LOW, low, HIGH, high);
        double load = Machine.loadAverage();
        Histogram fromPromoted = ResultLines.histogram();
        Histogram fromRequest = ResultLines.histogram();
        Histogram promote = ResultLines.histogram();
        long readingsMeasured = 0;
        long staleReadings = 0;
        long staleMax = 0;
        long timeouts = 0;
        int completed = 0;
        try (var watcher = new AnomalyWatcher(bootstrapServers, topics.anomalies()).start();
                var readings = new SwapReadings(bootstrapServers, topics)) {
            // a production version first; the stream must score with it before anything is measured
            String currentId = SwapModels.swapId(0);
            double currentLevel = LOW;
            register(currentId, artifacts.get(LOW), "production");
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
                readings.send(t, SwapModels.readingValue(t, high, low, sensitivity));
                sent++;
                first = watcher.awaitFirst(
                        currentId,
                        System.nanoTime() + settings.readingInterval().toNanos());
            }
            Console.progress("promote_to_stream: %s scores in the stream (%d readings)", currentId, sent);

            int rounds = settings.warmupSwaps() + settings.swaps();
            for (int round = 1; round <= rounds; round++) {
                boolean measured = round > settings.warmupSwaps();
                double level = currentLevel == LOW ? HIGH : LOW;
                String id = SwapModels.swapId(round);
                register(id, artifacts.get(level), "staging");
                SeasonalProfileModel before = profiles.get(currentLevel);
                SeasonalProfileModel after = profiles.get(level);
                byte[] request = client.encode(
                        "PUT",
                        "/ai/models/" + id + "/promote",
                        JSON.writeValueAsBytes(Map.of("target_stage", "production")));
                long requested = System.nanoTime();
                var reply = client.exchangeOrThrow(request, "promote of " + id);
                long promoted = System.nanoTime();
                expect(reply, 200, "promote of " + id);
                String archived =
                        JSON.readTree(reply.body()).path("archived_model_id").asString();
                if (!currentId.equals(archived)) {
                    throw new IllegalStateException(
                            "promoting " + id + " archived " + archived + ", expected " + currentId);
                }
                long giveUp = promoted + settings.swapTimeout().toNanos();
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
                        readings.send(t, SwapModels.readingValue(t, before, after, sensitivity));
                        if (readingsSent++ == 0) {
                            firstReading = t;
                        }
                        due += settings.readingInterval().toNanos();
                    }
                    scored = watcher.awaitFirst(id, Math.min(due, giveUp));
                }
                if (scored == null) {
                    timeouts++;
                    Console.progress(
                            "FAILED: round %d: %s did not score any of %d readings within %s of its promote",
                            round, id, readingsSent, settings.swapTimeout());
                    break;
                }
                long toEvent = Math.max(0, scored.receivedNanos() - promoted) / 1_000;
                // readings sent after the promote's 200 that the old version still scored
                long stale = (scored.eventTime() - firstReading) / SwapModels.HOUR;
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
                        measured ? round - settings.warmupSwaps() : round,
                        id,
                        toEvent / 1e3,
                        (promoted - requested) / 1e6,
                        readingsSent,
                        stale);
                currentId = id;
                currentLevel = level;
            }
            Map<String, Object> result = lines.start("promote_to_stream");
            result.put("swaps", settings.swaps());
            result.put("completed", completed);
            result.put("timeouts", timeouts);
            Latency.put(result, fromPromoted, false);
            result.put("from_request_p50_ms", Latency.millis(fromRequest.getValueAtPercentile(50)));
            result.put("from_request_p99_ms", Latency.millis(fromRequest.getValueAtPercentile(99)));
            result.put("from_request_max_ms", Latency.millis(fromRequest.getMaxValue()));
            result.put("promote_p50_ms", Latency.millis(promote.getValueAtPercentile(50)));
            result.put("promote_max_ms", Latency.millis(promote.getMaxValue()));
            result.put("readings_per_swap", completed == 0 ? 0 : Console.round3((double) readingsMeasured / completed));
            result.put("stale_readings", staleReadings);
            result.put("stale_readings_max", staleMax);
            result.put("reading_interval_ms", settings.readingInterval().toMillis());
            result.put("anomaly_events", watcher.events());
            lines.finish(result, load);
        }
        return timeouts == 0 && completed == settings.swaps() ? 0 : 1;
    }

    /** Registers the swap version {@code id} in {@code stage}; throws unless it is created. */
    private void register(String id, byte[] artifact, String stage) {
        expect(
                client.send(
                        "POST",
                        "/ai/models/register",
                        registration(
                                SwapModels.SWAP_MODEL,
                                SwapModels.version(id),
                                artifact,
                                SeasonalProfileModel.KIND,
                                stage)),
                201,
                "registration of " + id);
    }
}
