package io.aihub.services.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class S3SettingsTest {

    @Test
    void shouldDefaultTheRegionAndRedactTheSecret() {
        var settings = new S3Settings(
                "https://s3.eu-central-1.amazonaws.com",
                "AKIA123",
                "top-secret",
                " ",
                "aihub-models",
                Duration.ofSeconds(5));

        assertThat(settings.region()).isEqualTo("us-east-1");
        assertThat(settings.toString())
                .isEqualTo("S3Settings[endpoint=https://s3.eu-central-1.amazonaws.com, accessKey=AKIA123,"
                        + " secretKey=***, region=us-east-1, bucket=aihub-models, timeout=PT5S]");
        assertThat(S3Settings.of("http://minio:9000", "a", "s"))
                .isEqualTo(new S3Settings(
                        "http://minio:9000", "a", "s", "us-east-1", "aihub-models", Duration.ofSeconds(30)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "abc",
                "aihub-models",
                "my.bucket.2",
                "a23456789012345678901234567890123456789012345678901234567890123"
            })
    void shouldAcceptValidBucketNames(String bucket) {
        assertThat(S3Settings.of("http://minio:9000", "a", "s")
                        .withBucket(bucket)
                        .bucket())
                .isEqualTo(bucket);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ab             | must be 3 to 63 characters long, has 2",
                "Aihub-Models   | may hold only lowercase letters, digits",
                "aihub_models   | may hold only lowercase letters, digits",
                "-aihub         | must begin and end with a letter or digit",
                "aihub..models  | must not hold two adjacent periods",
                "aihub.-models  | must not hold a period next to a hyphen",
                "192.168.5.4    | must not be formatted as an IP address",
                "xn--aihub      | must not begin with the reserved prefix 'xn--'",
                "aihub-s3alias  | must not end with the reserved suffix '-s3alias'",
            })
    void shouldRejectInvalidBucketNamesSayingWhy(String bucket, String reason) {
        assertThatThrownBy(() -> S3Settings.of("http://minio:9000", "a", "s").withBucket(bucket))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the S3 bucket name '" + bucket + "' is invalid: it ")
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"minio:9000", "ftp://minio", "http://minio:9000/aihub-models", "http://minio:9000?x=1"})
    void shouldRejectEndpointsThatAreNotABaseUrl(String endpoint) {
        assertThatThrownBy(() -> S3Settings.of(endpoint, "a", "s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the S3 endpoint '" + endpoint + "'");
    }

    @Test
    void shouldRejectBlankKeysAndANonPositiveTimeout() {
        assertThatThrownBy(() -> S3Settings.of("http://minio:9000", " ", "s"))
                .hasMessage("the S3 access key must not be blank");
        assertThatThrownBy(() -> S3Settings.of("http://minio:9000", "a", ""))
                .hasMessage("the S3 secret key must not be blank");
        assertThatThrownBy(() -> new S3Settings("http://minio:9000", "a", "s", "", "aihub-models", Duration.ZERO))
                .hasMessage("the S3 timeout must be positive, was PT0S");
    }
}
