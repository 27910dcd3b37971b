package io.aihub.services.registry;

import io.aihub.schemas.ModelFamily;
import io.aihub.schemas.RegistryReply;
import io.aihub.topology.registry.RegistryListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What the global stream thread tells this instance about the registry: replies to the commands this instance
 * issued (completing the requests waiting for them) and every applied change (waking requests that wait to read
 * their own write, and the model cache that loads a newly promoted model). Never blocks the global thread.
 */
@Component
public class RegistryEvents implements RegistryListener {

    private final Map<String, CompletableFuture<RegistryReply>> pending = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, @Nullable ModelFamily>> familyListeners = new CopyOnWriteArrayList<>();
    private final Object changes = new Object();
    private long changeCount;

    /** Registers interest in the reply to {@code commandId}; call before sending the command. */
    CompletableFuture<RegistryReply> expect(String commandId) {
        var reply = new CompletableFuture<RegistryReply>();
        pending.put(commandId, reply);
        return reply;
    }

    void forget(String commandId) {
        pending.remove(commandId);
    }

    /** Adds a listener for applied changes (called on the global stream thread: it must not block). */
    public void onFamilyChanged(BiConsumer<String, @Nullable ModelFamily> listener) {
        familyListeners.add(listener);
    }

    @Override
    public void familyChanged(String familyKey, @Nullable ModelFamily family) {
        synchronized (changes) {
            changeCount++;
            changes.notifyAll();
        }
        for (var listener : familyListeners) {
            listener.accept(familyKey, family);
        }
    }

    @Override
    public void replied(RegistryReply reply) {
        var waiting = pending.remove(reply.getCommandId());
        if (waiting != null) {
            waiting.complete(reply);
        }
    }

    /**
     * Waits until {@code condition} holds, re-checking it after every applied registry change, for at most
     * {@code timeout}; returns whether it holds.
     */
    boolean awaitUntil(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen;
            synchronized (changes) {
                seen = changeCount;
            }
            if (condition.getAsBoolean()) {
                return true;
            }
            synchronized (changes) {
                long left;
                while (changeCount == seen && (left = deadline - System.nanoTime()) > 0) {
                    changes.wait(Math.max(1, left / 1_000_000));
                }
                if (changeCount == seen) {
                    return condition.getAsBoolean();
                }
            }
        }
    }
}
