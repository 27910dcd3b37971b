package io.aihub.services.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.services.api.FieldViolation;
import io.aihub.services.api.PostedPoint;
import io.aihub.services.api.RequestRejectedException;
import io.aihub.topology.anomaly.detect.DetectionMethod;
import io.aihub.topology.anomaly.detect.Point;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Validation of POST /ai/anomaly: documented defaults and ranges, every field at fault named, 422. */
class AnomalyQueryTest {

    private static final PostedPoint P1 = new PostedPoint("2025-10-01T00:00:00Z", 1.0);
    private static final PostedPoint P2 = new PostedPoint("2025-10-01T01:00:00Z", 2.0);

    @Test
    void shouldApplyTheDocumentedDefaults() {
        AnomalyQuery query = AnomalyQuery.validate(request(List.of(P1, P2), null, null, null, null));

        assertThat(query)
                .isEqualTo(new AnomalyQuery(
                        "t1",
                        "a1",
                        DetectionMethod.ISOLATION_FOREST,
                        3.0,
                        168,
                        List.of(
                                new Point(Instant.parse("2025-10-01T00:00:00Z").toEpochMilli(), 1.0),
                                new Point(Instant.parse("2025-10-01T01:00:00Z").toEpochMilli(), 2.0)),
                        List.of()));
    }

    @Test
    void shouldSortSeriesAndTrainingByTimeAcceptingEpochMillis() {
        long t0 = Instant.parse("2025-10-01T00:00:00Z").toEpochMilli();
        AnomalyQuery query = AnomalyQuery.validate(request(
                List.of(P2, P1),
                List.of(new PostedPoint(t0 - 1000, 5.0), new PostedPoint(t0 - 2000, 4.0)),
                "z_score",
                2.5,
                24));

        assertThat(query.series()).containsExactly(new Point(t0, 1.0), new Point(t0 + 3_600_000, 2.0));
        assertThat(query.training()).containsExactly(new Point(t0 - 2000, 4.0), new Point(t0 - 1000, 5.0));
        assertThat(query.method()).isEqualTo(DetectionMethod.Z_SCORE);
        assertThat(query.sensitivity()).isEqualTo(2.5);
        assertThat(query.lookbackHours()).isEqualTo(24);
    }

    @Test
    void shouldRejectASeriesOfOnePointNamingTimeSeries() {
        assertThat(violations(request(List.of(P1), null, null, null, null)))
                .containsExactly(new FieldViolation("time_series", "must have at least 2 points, got 1"));
    }

    @Test
    void shouldRejectAMissingSeries() {
        assertThat(violations(request(null, null, null, null, null)))
                .extracting(FieldViolation::field)
                .containsExactly("time_series");
    }

    @Test
    void shouldRejectSensitivityOutsideOneToFive() {
        assertThat(violations(request(List.of(P1, P2), null, null, 0.99, null)))
                .containsExactly(new FieldViolation("sensitivity", "must be between 1.0 and 5.0, got 0.99"));
        assertThat(violations(request(List.of(P1, P2), null, null, 5.01, null)))
                .extracting(FieldViolation::field)
                .containsExactly("sensitivity");
        assertThat(AnomalyQuery.validate(request(List.of(P1, P2), null, null, 1.0, null))
                        .sensitivity())
                .isEqualTo(1.0);
        assertThat(AnomalyQuery.validate(request(List.of(P1, P2), null, null, 5.0, null))
                        .sensitivity())
                .isEqualTo(5.0);
    }

    @Test
    void shouldRejectAnUnknownMethodListingTheOptions() {
        assertThat(violations(request(List.of(P1, P2), null, "prophet", null, null)))
                .containsExactly(
                        new FieldViolation(
                                "method",
                                "unknown anomaly detection method 'prophet', expected one of z_score, iqr, "
                                        + "prophet_decomposition, isolation_forest, local_outlier_factor, seasonal_likelihood"));
    }

    @Test
    void shouldRejectLookbackOutsideOneTo8760Hours() {
        assertThat(violations(request(List.of(P1, P2), null, null, null, 0)))
                .containsExactly(new FieldViolation("lookback_hours", "must be between 1 and 8760, got 0"));
        assertThat(violations(request(List.of(P1, P2), null, null, null, 8761)))
                .extracting(FieldViolation::field)
                .containsExactly("lookback_hours");
    }

    @Test
    void shouldNameEveryBadPointAndIdAtOnce() {
        var request = new AnomalyRequest(
                null,
                "bad id!",
                Arrays.asList(P1, new PostedPoint("yesterday", 1.0), null, new PostedPoint(null, null)),
                null,
                null,
                null,
                List.of(new PostedPoint("2025-10-01T00:00:00Z", Double.POSITIVE_INFINITY)));

        assertThat(violations(request))
                .extracting(FieldViolation::field)
                .containsExactly(
                        "tenant_id",
                        "asset_id",
                        "time_series[1].timestamp",
                        "time_series[2]",
                        "time_series[3].timestamp",
                        "time_series[3].value",
                        "training_data[0].value");
    }

    @Test
    void shouldRejectMoreThanTheMaximumNumberOfPoints() {
        List<PostedPoint> many = new ArrayList<>();
        for (int i = 0; i <= AnomalyQuery.MAX_POINTS; i++) {
            many.add(new PostedPoint((long) i * 1000, 1.0));
        }
        assertThat(violations(request(many, null, null, null, null)))
                .containsExactly(new FieldViolation("time_series", "must have at most 20000 points, got 20001"));
    }

    private static AnomalyRequest request(
            @Nullable List<PostedPoint> series,
            @Nullable List<PostedPoint> training,
            @Nullable String method,
            @Nullable Double sensitivity,
            @Nullable Integer lookback) {
        return new AnomalyRequest("t1", "a1", series, method, sensitivity, lookback, training);
    }

    private static List<FieldViolation> violations(AnomalyRequest request) {
        try {
            AnomalyQuery.validate(request);
        } catch (RequestRejectedException thrown) {
            assertThat(thrown.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
            return thrown.violations();
        }
        throw new AssertionError("not rejected: " + request);
    }
}
