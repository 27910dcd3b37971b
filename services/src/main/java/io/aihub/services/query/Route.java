package io.aihub.services.query;

import org.apache.kafka.streams.state.HostInfo;

/** Where a key's state lives: in this instance (with its partition) or in another instance. */
public sealed interface Route {

    /** This instance hosts the active task of the key's partition. */
    record Local(int partition) implements Route {}

    /** Another instance hosts it; the request is forwarded there once. */
    record Remote(HostInfo host, int partition) implements Route {}
}
