package io.aihub.services.query;

import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a keyed request where its state lives: locally when this instance owns the key's partition, else by
 * forwarding the request once to the owner ({@link Forwarder#forwardOnce}).
 */
@Component
public record OwnerRouting(InteractiveQueries queries, Forwarder forwarder, JsonMapper json) {

    /**
     * @param store a store of the key's sub-topology (ownership is per partition of it)
     * @param request the request body, forwarded as JSON to a remote owner at {@code path}
     * @param forwardedBy the request's {@link Forwarder#HOP_HEADER}, null if it came from a client
     * @param local the answer from the stores of the given local partition
     */
    public ResponseEntity<?> answer(
            String store,
            String partitionKey,
            String path,
            Object request,
            @Nullable String forwardedBy,
            IntFunction<?> local) {
        return switch (queries.route(store, partitionKey)) {
            case Route.Local owned -> ResponseEntity.ok(local.apply(owned.partition()));
            case Route.Remote remote ->
                forwarder.forwardOnce(remote, forwardedBy, path, json.writeValueAsBytes(request));
        };
    }
}
