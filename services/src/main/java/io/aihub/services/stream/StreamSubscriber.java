package io.aihub.services.stream;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client of a server-sent event stream of a topic ({@link TopicFeed}): its tenant (and asset filter), its emitter and a bounded queue.
 * The feed's consumer thread only ever {@link #offer}s, which never blocks; a task on the sender executor drains
 * the queue into the emitter, so a slow client holds up nothing but itself. A full queue closes the client.
 */
public final class StreamSubscriber {

    /** What to write: a named event (with its id) or a comment line. */
    public record Outgoing(
            @Nullable String name,
            @Nullable String id,
            @Nullable String json,
            @Nullable String comment) {

        public static Outgoing event(String name, String id, String json) {
            return new Outgoing(name, id, json, null);
        }

        public static Outgoing comment(String text) {
            return new Outgoing(null, null, null, text);
        }

        SseEmitter.SseEventBuilder toSse() {
            if (comment != null) {
                return SseEmitter.event().comment(comment);
            }
            return SseEmitter.event()
                    .name(name == null ? "message" : name)
                    .id(id == null ? "" : id)
                    .data(json == null ? "" : json);
        }
    }

    /** Why a client left. */
    public enum Reason {
        COMPLETED,
        SLOW,
        SEND_FAILED,
        SHUTDOWN
    }

    private final String tenantId;
    private final @Nullable String assetId;
    private final SseEmitter emitter;
    private final BlockingQueue<Outgoing> queue;
    private final Executor sender;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile @Nullable Reason closeReason;
    private volatile Runnable onClose = () -> {};

    public StreamSubscriber(
            String tenantId, @Nullable String assetId, SseEmitter emitter, int buffer, Executor sender) {
        this.tenantId = tenantId;
        this.assetId = assetId;
        this.emitter = emitter;
        this.queue = new ArrayBlockingQueue<>(buffer);
        this.sender = sender;
    }

    public String tenantId() {
        return tenantId;
    }

    /** Tenant isolation is checked here too, not only by the feed's index: an event of another tenant never passes. */
    public boolean wants(String eventTenant, String eventAsset) {
        return tenantId.equals(eventTenant) && (assetId == null || assetId.equals(eventAsset));
    }

    public void onClose(Runnable action) {
        this.onClose = action;
    }

    /** Queues {@code item} without blocking; a full queue closes the client as too slow. */
    public void offer(Outgoing item) {
        if (closed.get()) {
            return;
        }
        if (!queue.offer(item)) {
            close(Reason.SLOW);
            return;
        }
        schedule();
    }

    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Takes the client out of the feed at once; its emitter is completed by the sender, after any write in progress
     * (never on the caller's thread, which may be the feed's consumer).
     */
    public void close(Reason reason) {
        if (closed.compareAndSet(false, true)) {
            closeReason = reason;
            queue.clear();
            onClose.run();
            schedule();
        }
    }

    /** The container ended the response (completion, timeout or error): nothing more to write. */
    public void ended() {
        if (closed.compareAndSet(false, true)) {
            closeReason = Reason.COMPLETED;
            queue.clear();
            onClose.run();
        }
    }

    @Nullable
    public Reason closeReason() {
        return closeReason;
    }

    private void schedule() {
        if (draining.compareAndSet(false, true)) {
            sender.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            if (closed.get()) {
                finish();
                return;
            }
            Outgoing next = queue.poll();
            if (next == null) {
                draining.set(false);
                // an offer may have come between poll and set: take it unless another drain already did
                if ((queue.isEmpty() && !closed.get()) || !draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            try {
                emitter.send(next.toSse());
            } catch (IOException | IllegalStateException e) {
                // the client went away (IOException) or the response already ended (IllegalStateException)
                close(Reason.SEND_FAILED);
            }
        }
    }

    private void finish() {
        Reason reason = closeReason;
        if (reason == Reason.SLOW || reason == Reason.SHUTDOWN) {
            emitter.complete();
        }
        // SEND_FAILED: the container reports the broken connection itself; COMPLETED: the response already ended
    }
}
