package io.aihub.services.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.services.testing.AppInstance.Reply;

/** Assertions on RFC 9457 problem answers. */
public final class Problems {

    private Problems() {}

    /** The reply is problem JSON of {@code status} blaming {@code field} first. */
    public static void assertProblem(Reply reply, int status, String field) {
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.body().path("field").asString()).isEqualTo(field);
        assertThat(reply.body().path("status").asInt()).isEqualTo(status);
    }
}
