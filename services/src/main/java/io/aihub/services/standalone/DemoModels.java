package io.aihub.services.standalone;

import io.aihub.services.standalone.ReplayData.Point;
import io.aihub.services.standalone.ReplayData.Series;
import io.aihub.topology.models.ModelArtifacts;
import io.aihub.topology.models.SeasonalProfileModel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's models: for each NAB series, a seasonal profile (median and MAD per hour of the week) trained on the
 * back-fill the replay sent, registered through the REST API straight into production, scoped to its asset. From
 * then on the running stream scores the replayed readings with it and writes anomalies to the anomalies topic.
 */
final class DemoModels {

    private static final Logger LOG = LoggerFactory.getLogger(DemoModels.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DemoModels() {}

    /** Trains and registers one model per NAB series; returns the model ids registered. */
    static List<String> register(String appUrl, List<Series> series, long replayStart, Duration backfill) {
        var registered = new ArrayList<String>();
        try (var http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            for (Series s : series) {
                if (!s.tenant().equals(ReplayData.NAB_TENANT)) {
                    continue;
                }
                long shift = Replay.shift(s, replayStart, backfill);
                var times = new ArrayList<Long>();
                var values = new ArrayList<Double>();
                for (Point point : s.points()) {
                    long t = point.millis() + shift;
                    if (t < replayStart) {
                        times.add(t);
                        values.add(point.value());
                    }
                }
                if (times.size() < 2 * SeasonalProfileModel.HOURS_PER_WEEK) {
                    continue;
                }
                var model = SeasonalProfileModel.train(
                        times.stream().mapToLong(Long::longValue).toArray(),
                        values.stream().mapToDouble(Double::doubleValue).toArray());
                String name = "profile-" + s.asset().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
                var body = new LinkedHashMap<String, Object>();
                body.put("tenant_id", s.tenant());
                body.put("model_name", name);
                body.put("version", "v1.0.0");
                body.put("model_type", "anomaly");
                body.put("stage", "production");
                body.put("model_file", Base64.getEncoder().encodeToString(ModelArtifacts.write(model)));
                body.put(
                        "metadata",
                        Map.of(
                                "algorithm", "seasonal_profile",
                                "asset_id", s.asset(),
                                "metric", "value",
                                "trained_on", "the demo's back-fill"));
                body.put("metrics", Map.of("training_samples", times.size()));
                try {
                    HttpResponse<String> response = http.send(
                            HttpRequest.newBuilder(URI.create(appUrl + "/ai/models/register"))
                                    .header("Content-Type", "application/json")
                                    .timeout(Duration.ofSeconds(30))
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 201) {
                        registered.add(s.tenant() + ":" + name + ":v1.0.0");
                    } else {
                        LOG.warn("Demo model {} not registered: {} {}", name, response.statusCode(), response.body());
                    }
                } catch (IOException e) {
                    LOG.warn("Demo model {} not registered: {}", name, e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return registered;
                }
            }
        }
        return registered;
    }
}
