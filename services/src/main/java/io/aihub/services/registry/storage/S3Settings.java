package io.aihub.services.registry.storage;

import io.aihub.services.config.AihubProperties;
import io.minio.MinioClient;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;

/**
 * Where {@link ModelStorage} keeps model artifacts: any S3 API, addressed path-style ({@code endpoint/bucket/key}).
 *
 * @param endpoint the S3 API base URL without a path, e.g. {@code http://minio:9000},
 *     {@code https://s3.eu-central-1.amazonaws.com}, or the single-machine mode's {@code http://127.0.0.1:PORT}
 * @param accessKey the access key id requests are signed with
 * @param secretKey the secret key requests are signed with; never printed
 * @param region the region requests are signed for; blank means {@value #DEFAULT_REGION}
 * @param bucket the bucket holding every tenant's models, created on first upload if missing
 * @param timeout the connect, read and write timeout of each HTTP call
 */
public record S3Settings(
        String endpoint, String accessKey, String secretKey, String region, String bucket, Duration timeout) {

    /** The region used when none is set (MinIO's and S3Proxy's default as well). */
    public static final String DEFAULT_REGION = "us-east-1";

    /** The bucket used when none is set. */
    public static final String DEFAULT_BUCKET = "aihub-models";

    /** The HTTP timeout used when none is set. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * The settings of {@code AIHUB_S3_*}.
     *
     * @throws NullPointerException if no endpoint is configured
     */
    public static S3Settings of(AihubProperties.S3 s3) {
        return new S3Settings(
                Objects.requireNonNull(s3.endpoint(), "AIHUB_S3_ENDPOINT"),
                s3.accessKey(),
                s3.secretKey(),
                s3.region(),
                s3.bucket(),
                s3.timeout());
    }

    /** Validates every setting; the message names the bad one. */
    public S3Settings {
        endpoint = endpoint.strip();
        validateEndpoint(endpoint);
        if (accessKey.isBlank()) {
            throw new IllegalArgumentException("the S3 access key must not be blank");
        }
        if (secretKey.isBlank()) {
            throw new IllegalArgumentException("the S3 secret key must not be blank");
        }
        region = region.isBlank() ? DEFAULT_REGION : region.strip();
        var bucketProblem = BucketNames.problem(bucket);
        if (bucketProblem.isPresent()) {
            throw new IllegalArgumentException(
                    "the S3 bucket name '" + bucket + "' is invalid: it " + bucketProblem.get());
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the S3 timeout must be positive, was " + timeout);
        }
    }

    /** Settings with the default region, bucket and timeout. */
    public static S3Settings of(String endpoint, String accessKey, String secretKey) {
        return new S3Settings(endpoint, accessKey, secretKey, DEFAULT_REGION, DEFAULT_BUCKET, DEFAULT_TIMEOUT);
    }

    /** These settings with another bucket. */
    public S3Settings withBucket(String otherBucket) {
        return new S3Settings(endpoint, accessKey, secretKey, region, otherBucket, timeout);
    }

    private static void validateEndpoint(String endpoint) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the S3 endpoint '" + endpoint + "' is not a URL: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "the S3 endpoint '" + endpoint + "' must be an http:// or https:// URL with a host");
        }
        String path = uri.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("the S3 endpoint '" + endpoint
                    + "' must not have a path or query: the bucket is a setting of its own");
        }
    }

    /** The settings with the secret key redacted. */
    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", accessKey=" + accessKey + ", secretKey=***, region=" + region
                + ", bucket=" + bucket + ", timeout=" + timeout + "]";
    }

    /** A new MinIO client of these settings: path-style requests signed for the region, with the timeout on each call. */
    public MinioClient client() {
        MinioClient client = MinioClient.builder()
                .endpoint(endpoint)
                .credentials(accessKey, secretKey)
                .region(region)
                .build();
        long timeoutMillis = timeout.toMillis();
        client.setTimeout(timeoutMillis, timeoutMillis, timeoutMillis);
        return client;
    }
}
