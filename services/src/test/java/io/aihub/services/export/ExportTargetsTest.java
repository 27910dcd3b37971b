package io.aihub.services.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.services.api.RequestRejectedException;
import io.aihub.services.api.Violations;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

class ExportTargetsTest {

    private static final Path DIR = Path.of("/srv/exports");
    private static final String ID = "550e8400-e29b-41d4-a716-446655440000";

    private final ExportTargets targets = new ExportTargets(DIR, true);

    @Test
    void shouldNameTheDefaultFileAsTheReferenceInTheTenantsFolder() {
        var violations = new Violations();
        var target = targets.resolve(null, "tenant-123", "forecast_basic", ID, violations);
        assertThat(violations.isEmpty()).isTrue();
        assertThat(target)
                .isEqualTo(
                        new ExportTarget.Local(DIR.resolve("tenant-123/tenant-123_forecast_basic_550e8400.parquet")));
    }

    @Test
    void shouldResolveRelativeAndInsideAbsolutePathsInTheTenantsFolder() {
        var violations = new Violations();
        assertThat(targets.resolve("./exports/f.parquet", "t1", "s", ID, violations))
                .isEqualTo(new ExportTarget.Local(DIR.resolve("t1/exports/f.parquet")));
        assertThat(targets.resolve("a/../b.parquet", "t1", "s", ID, violations))
                .isEqualTo(new ExportTarget.Local(DIR.resolve("t1/b.parquet")));
        assertThat(targets.resolve("/srv/exports/t1/x/y.parquet", "t1", "s", ID, violations))
                .isEqualTo(new ExportTarget.Local(DIR.resolve("t1/x/y.parquet")));
        assertThat(violations.isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../f.parquet",
                "../t2/f.parquet",
                "a/../../f.parquet",
                "/srv/exports/t2/f.parquet",
                "/srv/exports/t1",
                "/etc/passwd",
                ".",
                "",
                " ",
                "file:///tmp/x.parquet",
                "s3://Bad_Bucket/k",
                "s3://bucket",
                "s3://bucket/",
                "s3://bucket/a/../k",
                "s3://bucket/a//k"
            })
    void shouldRefuseAPathOutOfTheTenantsFolderOrAMalformedTarget(String outputPath) {
        var violations = new Violations();
        assertThat(targets.resolve(outputPath, "t1", "s", ID, violations)).isNull();
        assertRejectedNaming(violations, "output_path");
    }

    @Test
    void shouldTakeS3TargetsOnlyWithAnS3Server() {
        var violations = new Violations();
        assertThat(targets.resolve("s3://my-bucket/training/f.parquet", "t1", "s", ID, violations))
                .isEqualTo(new ExportTarget.S3("my-bucket", "training/f.parquet"));
        assertThat(violations.isEmpty()).isTrue();
        var withoutS3 = new ExportTargets(DIR, false);
        assertThat(withoutS3.resolve("s3://my-bucket/f.parquet", "t1", "s", ID, violations))
                .isNull();
        assertRejectedNaming(violations, "output_path");
    }

    private static void assertRejectedNaming(Violations violations, String field) {
        try {
            violations.throwIfAny(HttpStatus.BAD_REQUEST, "x");
            throw new AssertionError("no violation recorded");
        } catch (RequestRejectedException e) {
            assertThat(e.violations()).allSatisfy(v -> assertThat(v.field()).isEqualTo(field));
        }
    }
}
