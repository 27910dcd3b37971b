package io.aihub.services.query;

import io.aihub.topology.features.SeriesKey;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Routes a request about one device (all its metrics are keyed by tenant and device, so they live in one partition):
 * the instance that owns the partition answers, any other forwards the request there once.
 */
@Component
public record DeviceRouting(InteractiveQueries queries) {

    /**
     * @param store a store of the device's sub-topology
     * @param forwardedBy the request's {@link Forwarder#HOP_HEADER}, null if it came from a client
     * @param local the answer from the stores of the given local partition
     * @param remote forwards the request to the owner
     */
    public ResponseEntity<?> answer(
            String store,
            String tenantId,
            String deviceId,
            @Nullable String forwardedBy,
            IntFunction<ResponseEntity<?>> local,
            Function<Route.Remote, ResponseEntity<?>> remote) {
        return switch (queries.route(store, SeriesKey.partitionKey(tenantId, deviceId))) {
            case Route.Local here -> local.apply(here.partition());
            case Route.Remote owner -> {
                if (forwardedBy != null) {
                    throw new StoreUnavailableException(
                            "ownership of this device is moving (forwarded by " + forwardedBy
                                    + " to an instance that does not own it)",
                            1);
                }
                yield remote.apply(owner);
            }
        };
    }

    /** The request's path and query string, as forwarded. */
    public static String pathAndQuery(HttpServletRequest request) {
        String query = request.getQueryString();
        return query == null ? request.getRequestURI() : request.getRequestURI() + "?" + query;
    }
}
