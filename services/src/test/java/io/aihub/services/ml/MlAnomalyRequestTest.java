package io.aihub.services.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.services.api.FieldViolation;
import io.aihub.services.api.RequestRejectedException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Validation of the ML anomaly endpoints' parameters: every field at fault named, 422. */
class MlAnomalyRequestTest {

    private static final long RETENTION_HOURS = 336;

    @Test
    void shouldDefaultTheTrainingWindowTo168HoursAndTheContaminationToTheSetting() {
        assertThat(TrainQuery.validate("acme", "dev-1", null, null, RETENTION_HOURS, 0.01))
                .isEqualTo(new TrainQuery("acme", "dev-1", 168, 0.01));
    }

    @Test
    void shouldAcceptTheBoundsOfHoursAndContamination() {
        assertThat(TrainQuery.validate("acme", "dev-1", 1, 0.5, RETENTION_HOURS, 0.01))
                .isEqualTo(new TrainQuery("acme", "dev-1", 1, 0.5));
        assertThat(TrainQuery.validate("acme", "dev-1", 336, 1e-6, RETENTION_HOURS, 0.01))
                .isEqualTo(new TrainQuery("acme", "dev-1", 336, 1e-6));
    }

    @Test
    void shouldNameEveryBadTrainingParameter() {
        assertThatThrownBy(() -> TrainQuery.validate(null, "dev 1", 337, 0.0, RETENTION_HOURS, 0.01))
                .isInstanceOfSatisfying(RequestRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
                    assertThat(e.violations())
                            .extracting(FieldViolation::field)
                            .containsExactly("tenant_id", "device_uuid", "hours", "contamination");
                    assertThat(e.violations().get(2).message()).contains("between 1 and 336");
                });
    }

    @Test
    void shouldRefuseAContaminationAboveOneHalfAndZeroHours() {
        assertThatThrownBy(() -> TrainQuery.validate("acme", "dev-1", 0, 0.51, RETENTION_HOURS, 0.01))
                .isInstanceOfSatisfying(
                        RequestRejectedException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .containsExactly("hours", "contamination"));
    }

    @Test
    void shouldCapTheDefaultTrainingWindowAtTheRetention() {
        assertThat(TrainQuery.validate("acme", "dev-1", null, null, 100, 0.01).hours())
                .isEqualTo(100);
    }

    @Test
    void shouldDefaultTheDetectionWindowTo24HoursAndRefuseOneBeyondTheRetention() {
        assertThat(DetectQuery.validate("acme", "dev-1", null, RETENTION_HOURS))
                .isEqualTo(new DetectQuery("acme", "dev-1", 24));
        assertThatThrownBy(() -> DetectQuery.validate("acme", "dev-1", 400, RETENTION_HOURS))
                .isInstanceOfSatisfying(
                        RequestRejectedException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .containsExactly("hours"));
        assertThatThrownBy(() -> DetectQuery.validate(" ", "dev-1", 24, RETENTION_HOURS))
                .isInstanceOfSatisfying(
                        RequestRejectedException.class,
                        e -> assertThat(e.violations())
                                .containsExactly(new FieldViolation("tenant_id", "is required")));
    }
}
