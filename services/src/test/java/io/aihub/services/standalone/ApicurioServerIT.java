package io.aihub.services.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApicurioServerIT {

    @TempDir
    Path work;

    @Test
    void shouldServeTheV3ApiOnLoopbackAndLeaveNoProcessBehindOnClose() throws Exception {
        // Given a second server next to the shared one (its own free HTTP and management ports)
        long pid;
        String url;
        try (var server =
                ApicurioServer.inMemory(ApicurioArchive.locate(), work).start()) {
            pid = server.pid().orElseThrow();
            url = server.url();

            // When its system info is requested
            try (var client = HttpClient.newHttpClient()) {
                var response = client.send(
                        HttpRequest.newBuilder(URI.create(url + "/system/info")).build(),
                        HttpResponse.BodyHandlers.ofString());

                // Then it answers as Apicurio 3.3.3, bound to 127.0.0.1, logging to the work directory
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).contains("\"version\":\"3.3.3\"");
            }
            assertThat(url).startsWith("http://127.0.0.1:").endsWith("/apis/registry/v3");
            assertThat(Files.readString(work.resolve("apicurio.log")))
                    .contains("Listening on: http://127.0.0.1:")
                    .contains("Management interface listening on http://127.0.0.1:");
        }

        // And after close the process is gone
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    }
}
