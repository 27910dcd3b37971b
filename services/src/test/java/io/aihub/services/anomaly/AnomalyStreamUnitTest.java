package io.aihub.services.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.schemas.AnomalyEvent;
import io.aihub.schemas.AnomalySeverity;
import io.aihub.schemas.ExpectedRange;
import io.aihub.services.stream.StreamSubscriber;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;

/** The stream's event data and its per-client buffering, without a broker or a web server. */
class AnomalyStreamUnitTest {

    @Test
    void shouldWriteTheEventWithTheFieldNamesOfThePostResponse() {
        AnomalyEvent event = AnomalyEvent.newBuilder()
                .setTenantId("t1")
                .setAssetId("a1")
                .setMetric("power")
                .setTimestamp(Instant.parse("2025-10-01T01:00:00Z"))
                .setValue(138.2)
                .setAnomalyScore(4.5)
                .setIsAnomaly(true)
                .setExpectedRange(new ExpectedRange(35.0, 55.0, 45.0, 5.0))
                .setSeverity(AnomalySeverity.high)
                .setExplanation("Value deviates 4.50 std devs from expected")
                .setMethod("z_score")
                .setModelId(null)
                .setSensitivity(3.0)
                .build();

        JsonNode json = AnomalyServiceTest.JSON.valueToTree(StreamedAnomaly.of(event));

        assertThat(json).isEqualTo(AnomalyServiceTest.JSON.readTree("""
                        {"tenant_id":"t1","asset_id":"a1","metric":"power","timestamp":"2025-10-01T01:00:00Z",
                         "value":138.2,"anomaly_score":4.5,"is_anomaly":true,
                         "expected_range":{"min":35.0,"max":55.0,"mean":45.0,"std":5.0},"severity":"high",
                         "explanation":"Value deviates 4.50 std devs from expected","method":"z_score",
                         "model_id":null,"sensitivity":3.0}
                        """));
    }

    @Test
    void shouldAcceptOnlyItsTenantAndAsset() {
        var all = new StreamSubscriber("t1", null, new SseEmitter(), 4, Runnable::run);
        var one = new StreamSubscriber("t1", "a2", new SseEmitter(), 4, Runnable::run);

        assertThat(all.wants("t1", "a1")).isTrue();
        assertThat(all.wants("t2", "a1")).isFalse();
        assertThat(all.wants("t10", "a1")).isFalse();
        assertThat(one.wants("t1", "a2")).isTrue();
        assertThat(one.wants("t1", "a1")).isFalse();
        assertThat(one.wants("t2", "a2")).isFalse();
    }

    @Test
    void shouldDropASlowClientWithoutBlockingTheCaller() throws InterruptedException {
        // Given a client whose first write blocks until released, with room for 2 queued events
        var release = new CountDownLatch(1);
        var writing = new CountDownLatch(1);
        var sent = new ArrayList<String>();
        var emitter = new RecordingEmitter(sent, writing, release);
        var sender = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        var subscriber = new StreamSubscriber("t1", null, emitter, 2, sender);
        var closed = new CountDownLatch(1);
        subscriber.onClose(closed::countDown);

        // When 4 events come while the first is being written
        subscriber.offer(StreamSubscriber.Outgoing.event("anomaly", "e-0", "{}"));
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
        subscriber.offer(StreamSubscriber.Outgoing.event("anomaly", "e-1", "{}"));
        subscriber.offer(StreamSubscriber.Outgoing.event("anomaly", "e-2", "{}"));
        subscriber.offer(StreamSubscriber.Outgoing.event("anomaly", "e-3", "{}"));

        // Then the third queued event finds the buffer full: the client is closed at once, on the caller's thread
        assertThat(closed.getCount()).isZero();
        assertThat(subscriber.closeReason()).isEqualTo(StreamSubscriber.Reason.SLOW);
        release.countDown();
        sender.shutdown();
        assertThat(sender.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        // And after the write in progress, nothing more is sent and the response is completed
        assertThat(sent).containsExactly("e-0");
        assertThat(emitter.completed).isTrue();
    }

    @Test
    void shouldSendQueuedEventsInOrder() throws InterruptedException {
        var sent = new ArrayList<String>();
        var emitter = new RecordingEmitter(sent, new CountDownLatch(1), new CountDownLatch(0));
        var sender = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        var subscriber = new StreamSubscriber("t1", null, emitter, 16, sender);

        for (int i = 0; i < 10; i++) {
            subscriber.offer(StreamSubscriber.Outgoing.event("anomaly", "e-" + i, "{}"));
        }
        subscriber.close(StreamSubscriber.Reason.SHUTDOWN);
        sender.shutdown();
        assertThat(sender.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(sent).isSubsetOf(List.of("e-0", "e-1", "e-2", "e-3", "e-4", "e-5", "e-6", "e-7", "e-8", "e-9"));
        assertThat(sent).isSorted();
        assertThat(emitter.completed).isTrue();
    }

    /** Records the ids it is asked to send; the first send waits for {@code release}. */
    private static final class RecordingEmitter extends SseEmitter {
        private final List<String> sent;
        private final CountDownLatch writing;
        private final CountDownLatch release;
        volatile boolean completed;

        RecordingEmitter(List<String> sent, CountDownLatch writing, CountDownLatch release) {
            this.sent = sent;
            this.writing = writing;
            this.release = release;
        }

        @Override
        public void send(SseEventBuilder builder) throws IOException {
            writing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            StringBuilder text = new StringBuilder();
            for (var part : builder.build()) {
                text.append(part.getData());
            }
            int id = text.indexOf("id:");
            synchronized (sent) {
                sent.add(text.substring(id + 3, text.indexOf("\n", id)));
            }
        }

        @Override
        public void complete() {
            completed = true;
        }

        @Override
        public void send(Object object, MediaType mediaType) throws IOException {
            throw new UnsupportedOperationException();
        }
    }
}
