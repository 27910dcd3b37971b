package io.aihub.services.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.services.testing.AppInstance.Reply;
import org.jspecify.annotations.Nullable;

/** Assertions on RFC 9457 problem answers. */
public final class Problems {

    private static final String PROBLEM_JSON = "application/problem+json";

    private Problems() {}

    /**
     * The reply is problem JSON with this status, a title and a detail, and names {@code field} (not checked when
     * null: 404s name no field).
     */
    public static void assertProblem(Reply reply, int status, @Nullable String field) {
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).as("%s", reply.body()).startsWith(PROBLEM_JSON);
        assertThat(reply.body().path("status").asInt()).isEqualTo(status);
        assertThat(reply.body().path("title").asString()).isNotBlank();
        assertThat(reply.body().path("detail").asString()).isNotBlank();
        if (field != null) {
            assertThat(reply.body().path("field").asString())
                    .as("%s", reply.body())
                    .isEqualTo(field);
        }
    }
}
