package io.aihub.services.standalone;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class EmbeddedS3IT {

    @Test
    void shouldSpeakS3OnLoopbackToClientsSigningWithItsKeys() throws Exception {
        // Given a started in-memory server
        try (var server = EmbeddedS3.inMemory().start()) {
            assertThat(server.endpoint()).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(server.directory()).isEmpty();
            var client = MinioClient.builder()
                    .endpoint(server.endpoint())
                    .credentials(server.accessKey(), server.secretKey())
                    .region("us-east-1")
                    .build();
            byte[] body = "hello, s3".getBytes(UTF_8);

            // When a bucket is created and an object put through the S3 API
            client.makeBucket(MakeBucketArgs.builder().bucket("greetings").build());
            client.putObject(PutObjectArgs.builder().bucket("greetings").object("a/b/hello.txt").stream(
                            new ByteArrayInputStream(body), body.length, -1)
                    .contentType("text/plain")
                    .build());

            // Then it reads back unchanged
            try (var in = client.getObject(GetObjectArgs.builder()
                    .bucket("greetings")
                    .object("a/b/hello.txt")
                    .build())) {
                assertThat(in.readAllBytes()).isEqualTo(body);
            }

            // And a client with a wrong secret is refused
            var stranger = MinioClient.builder()
                    .endpoint(server.endpoint())
                    .credentials(server.accessKey(), "not-the-secret")
                    .region("us-east-1")
                    .build();
            assertThatThrownBy(() -> stranger.bucketExists(
                            BucketExistsArgs.builder().bucket("greetings").build()))
                    .isInstanceOf(ErrorResponseException.class);
            client.close();
            stranger.close();
        }
    }

    @Test
    void shouldRefuseEndpointBeforeStartAndAfterClose() {
        var server = EmbeddedS3.inMemory();
        assertThatThrownBy(server::endpoint).isInstanceOf(IllegalStateException.class);
        server.start();
        server.close();
        server.close();
        assertThatThrownBy(server::endpoint).isInstanceOf(IllegalStateException.class);
    }
}
