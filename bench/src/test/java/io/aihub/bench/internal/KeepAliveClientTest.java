package io.aihub.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Request encoding of the raw keep-alive client; no connection is made. */
class KeepAliveClientTest {

    @Test
    void shouldEncodeThePathAndTheQueryOfAGet() {
        try (var client = new KeepAliveClient("http://127.0.0.1:8080")) {
            String request = new String(
                    client.encode("GET", "/ai/models/?tenant_id=bench&model_name=bench-profile", null),
                    StandardCharsets.US_ASCII);

            assertThat(request)
                    .isEqualTo("GET /ai/models/?tenant_id=bench&model_name=bench-profile HTTP/1.1\r\n"
                            + "Host: 127.0.0.1:8080\r\n\r\n");
        }
    }

    @Test
    void shouldEncodeAJsonBody() {
        try (var client = new KeepAliveClient("http://127.0.0.1:8080")) {
            byte[] body = "{\"target_stage\":\"production\"}".getBytes(StandardCharsets.UTF_8);
            String request =
                    new String(client.encode("PUT", "/ai/models/bench:m:v1.0.0/promote", body), StandardCharsets.UTF_8);

            assertThat(request)
                    .startsWith("PUT /ai/models/bench:m:v1.0.0/promote HTTP/1.1\r\n")
                    .contains("Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .endsWith("{\"target_stage\":\"production\"}");
        }
    }
}
