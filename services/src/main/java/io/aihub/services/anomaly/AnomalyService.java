package io.aihub.services.anomaly;

import io.aihub.topology.anomaly.detect.Detectors;
import io.aihub.topology.anomaly.detect.ExpectedRange;
import io.aihub.topology.anomaly.detect.Point;
import io.aihub.topology.anomaly.detect.Scored;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Runs a detector of the topology's library ({@link Detectors#detect}) over a posted series:
 *
 * <ol>
 *   <li>the lookback window is {@code (latest - lookback_hours, latest]}, latest = the series' latest timestamp;
 *   <li>the detector learns {@code training_data} (in time order), then the series points before the window (the
 *       series' own history), without judging them;
 *   <li>then it judges each point of the window in time order, score-then-learn as in-stream.
 * </ol>
 *
 * The answer is a function of the request alone: {@code isolation_forest} trains with the fixed {@link #SEED}.
 */
@Service
class AnomalyService {

    /** The seed of every {@code isolation_forest} training, so that the same request gets the same scores. */
    static final long SEED = 42L;

    private final Clock clock = Clock.systemUTC();

    AnomalyResponse detect(AnomalyQuery query) {
        return detect(query, clock.instant(), "det-" + UUID.randomUUID());
    }

    static AnomalyResponse detect(AnomalyQuery query, Instant generatedAt, String detectionId) {
        List<Point> series = query.series();
        long latest = series.getLast().epochMillis();
        long windowStart = latest - Duration.ofHours(query.lookbackHours()).toMillis();
        int split = 0;
        while (series.get(split).epochMillis() <= windowStart) {
            split++; // the latest point is always in the window, so this stops
        }
        List<Point> window = series.subList(split, series.size());
        List<Point> learnt = new ArrayList<>(query.training().size() + split);
        learnt.addAll(query.training());
        learnt.addAll(series.subList(0, split));
        List<Scored> scores =
                Detectors.detect(query.method(), window, learnt.isEmpty() ? null : learnt, query.sensitivity(), SEED);
        return respond(query, window, scores, split, Instant.ofEpochMilli(windowStart), generatedAt, detectionId);
    }

    /** The documented response for the window's scores (one per window point, in the same order). */
    static AnomalyResponse respond(
            AnomalyQuery query,
            List<Point> window,
            List<Scored> scores,
            int historyPoints,
            Instant windowStart,
            Instant generatedAt,
            String detectionId) {
        if (window.size() != scores.size()) {
            throw new IllegalArgumentException(
                    "one score per point expected: " + window.size() + " points, " + scores.size() + " scores");
        }
        List<AnomalyResponse.Anomaly> anomalies = new ArrayList<>();
        double sum = 0;
        double max = 0;
        int warmingUp = 0;
        for (int i = 0; i < window.size(); i++) {
            Scored scored = scores.get(i);
            sum += scored.score();
            max = Math.max(max, scored.score());
            if (scored.warmingUp()) {
                warmingUp++;
            }
            if (scored.anomaly()) {
                anomalies.add(anomaly(window.get(i), scored));
            }
        }
        int total = window.size();
        var summary = new AnomalyResponse.Summary(
                total,
                anomalies.size(),
                (double) anomalies.size() / total,
                sum / total,
                max,
                query.method().id(),
                query.sensitivity(),
                warmingUp,
                historyPoints,
                query.training().size(),
                windowStart);
        return new AnomalyResponse(
                detectionId, query.tenantId(), query.assetId(), List.copyOf(anomalies), summary, generatedAt);
    }

    static AnomalyResponse.Anomaly anomaly(Point point, Scored scored) {
        return new AnomalyResponse.Anomaly(
                Instant.ofEpochMilli(point.epochMillis()),
                point.value(),
                scored.score(),
                scored.anomaly(),
                range(scored.expected()),
                scored.severity().name(),
                scored.explanation());
    }

    private static AnomalyResponse.@Nullable Range range(@Nullable ExpectedRange expected) {
        return expected == null
                ? null
                : new AnomalyResponse.Range(expected.min(), expected.max(), expected.mean(), expected.std());
    }
}
