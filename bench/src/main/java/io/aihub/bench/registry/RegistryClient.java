package io.aihub.bench.registry;

import io.aihub.bench.internal.Console;
import io.aihub.bench.internal.KeepAliveClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/** The harness's requests to the app's registry API, over one keep-alive connection; the first failures are logged. */
final class RegistryClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int ERRORS_SHOWN = 5;

    private final KeepAliveClient http;
    private int errorsShown;

    RegistryClient(KeepAliveClient http) {
        this.http = http;
    }

    /** The bytes of a request, encoded once to be sent many times. */
    byte[] encode(String method, String path, byte @Nullable [] body) {
        return http.encode(method, path, body);
    }

    /** One exchange whose reply is read; an I/O failure is thrown. */
    KeepAliveClient.Response send(String method, String path, byte @Nullable [] body) {
        return exchangeOrThrow(http.encode(method, path, body), method + " " + path);
    }

    KeepAliveClient.Response exchangeOrThrow(byte[] request, String what) {
        try {
            return http.exchange(request);
        } catch (IOException e) {
            throw new UncheckedIOException(what + " failed", e);
        }
    }

    /** The status of one exchange, -1 for an I/O failure (logged). */
    int exchange(byte[] request) {
        try {
            return http.exchangeStatus(request);
        } catch (IOException e) {
            if (errorsShown++ < ERRORS_SHOWN) {
                Console.progress("request failed: %s", e);
            }
            return -1;
        }
    }

    /** Logs an unexpected status (not an I/O failure, already logged) with the reply's body. */
    void problem(String what, int status) {
        if (status >= 0 && errorsShown++ < ERRORS_SHOWN) {
            Console.progress("%s answered %d: %s", what, status, http.lastBodyText());
        }
    }

    /** The body length of the last reply. */
    int lastBodyLength() {
        return http.lastBodyLength();
    }

    static void expect(KeepAliveClient.Response reply, int status, String what) {
        if (reply.status() != status) {
            throw new IllegalStateException(what + " answered " + reply.status() + ": " + reply.text());
        }
    }

    /** The JSON body of a registration. */
    static byte[] registration(String model, String version, byte[] artifact, String kind, String stage) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant_id", SwapModels.TENANT);
        body.put("model_name", model);
        body.put("version", version);
        body.put("model_type", "anomaly");
        body.put("stage", stage);
        body.put("model_file", Base64.getEncoder().encodeToString(artifact));
        body.put("metadata", Map.of("algorithm", kind, "metric", SwapModels.METRIC));
        body.put("metrics", Map.of("training_samples", 672));
        return JSON.writeValueAsBytes(body);
    }
}
