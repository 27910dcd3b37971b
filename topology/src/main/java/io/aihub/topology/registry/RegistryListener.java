package io.aihub.topology.registry;

import io.aihub.schemas.ModelFamily;
import io.aihub.schemas.RegistryReply;
import org.jspecify.annotations.Nullable;

/**
 * Told by the global stream thread about every registry record it applies, after the global store holds it. Calls
 * must return quickly and never block: they run on the thread that keeps every global store current.
 */
public interface RegistryListener {

    /** A listener that ignores everything. */
    RegistryListener NONE = new RegistryListener() {
        @Override
        public void familyChanged(String familyKey, @Nullable ModelFamily family) {}

        @Override
        public void replied(RegistryReply reply) {}
    };

    /** The state of model name {@code familyKey} is now {@code family} ({@code null}: its last version deleted). */
    void familyChanged(String familyKey, @Nullable ModelFamily family);

    /** A registry command was answered. */
    void replied(RegistryReply reply);
}
