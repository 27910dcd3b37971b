package io.aihub.services.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The export jobs' leases on the local PostgreSQL (a schema per test, migrated by the connectors' migrations): the
 * reaper fails exactly the live jobs whose heartbeat stopped, once, whichever instance runs it, and leaves a job another
 * live instance renews alone; {@code renew()} advances the heartbeat of this instance's live jobs only. The tests call
 * {@code renew()} and {@code reap()} themselves: nothing waits for the schedule.
 */
class ExportLeasesIT {

    /** Long before any reaper's limit: the heartbeat of an instance that died. */
    private static final Instant STOPPED = Instant.parse("2025-03-01T12:00:00Z");

    private static final String ABANDONED =
            "abandoned: the instance running it stopped (no heartbeat since 2025-03-01T12:00:00.000Z)";

    private OfflineStoreFixture fixture;
    private OfflineStore store;

    @BeforeEach
    void migrate() {
        fixture = OfflineStoreFixture.create();
        store = new OfflineStore(fixture.url(), OfflineStoreFixture.USER, "");
    }

    @AfterEach
    void drop() throws Exception {
        fixture.close();
    }

    @Test
    void shouldFailOnlyTheJobsWhoseHeartbeatStoppedAndOnlyOnce() throws Exception {
        // Given a running job whose instance died, one a live instance on another machine renews, a pending job written
        // before heartbeats existed (no heartbeat, created long ago) and a completed job of a dead instance
        fixture.insertExport("acme", "stale", ExportJob.RUNNING, STOPPED);
        fixture.insertExport("rival", "fresh", ExportJob.RUNNING, STOPPED);
        execute("UPDATE feature_exports SET heartbeat_at = now() WHERE export_id = 'fresh'");
        fixture.insertExport("acme", "legacy", ExportJob.PENDING, null);
        fixture.insertExport("acme", "done", ExportJob.COMPLETED, STOPPED);
        Row freshBefore = row("fresh");

        // When this instance's reaper runs
        List<ExportJob> reaped = new ExportLeases(store).reap();

        // Then exactly the orphans are failed, with the reason and completion time, and returned to be published
        assertThat(reaped).extracting(ExportJob::exportId).containsExactlyInAnyOrder("stale", "legacy");
        ExportJob stale = reaped.stream()
                .filter(job -> job.exportId().equals("stale"))
                .findFirst()
                .orElseThrow();
        assertThat(stale.tenantId()).isEqualTo("acme");
        assertThat(stale.status()).isEqualTo(ExportJob.FAILED);
        assertThat(stale.error()).isEqualTo(ABANDONED);
        assertThat(stale.completedAt()).isNotNull();
        assertThat(stale.storagePath()).isEqualTo("/exports/acme/stale.parquet");
        Row staleRow = row("stale");
        assertThat(staleRow.status()).isEqualTo(ExportJob.FAILED);
        assertThat(staleRow.error()).isEqualTo(ABANDONED);
        assertThat(staleRow.completedAt()).isNotNull();
        assertThat(staleRow.completedAt().toInstant()).isEqualTo(stale.completedAt());
        Row legacy = row("legacy");
        assertThat(legacy.status()).isEqualTo(ExportJob.FAILED);
        assertThat(legacy.error())
                .isEqualTo("abandoned: the instance running it stopped (no heartbeat since 2025-03-01T00:00:00.000Z)");
        assertThat(legacy.completedAt()).isNotNull();

        // ... the live instance's job and the finished one are untouched
        assertThat(row("fresh")).isEqualTo(freshBefore);
        assertThat(row("fresh").status()).isEqualTo(ExportJob.RUNNING);
        assertThat(row("fresh").completedAt()).isNull();
        assertThat(row("done").status()).isEqualTo(ExportJob.COMPLETED);
        assertThat(row("done").error()).isNull();

        // ... and a second run, here or on another instance, reaps nothing
        assertThat(new ExportLeases(store).reap()).isEmpty();
        assertThat(row("stale")).isEqualTo(staleRow);
    }

    @Test
    void shouldFailEachOrphanExactlyOnceWhenInstancesReapTogether() throws Exception {
        // Given orphans of several tenants
        var orphans = new ArrayList<String>();
        for (int i = 0; i < 40; i++) {
            String id = "orphan-" + i;
            fixture.insertExport("tenant-" + i % 4, id, i % 2 == 0 ? ExportJob.RUNNING : ExportJob.PENDING, STOPPED);
            orphans.add(id);
        }

        // When two instances reap at the same time
        var go = new CountDownLatch(1);
        var first = CompletableFuture.supplyAsync(() -> reapAfter(go, new ExportLeases(store)));
        var second = CompletableFuture.supplyAsync(() -> reapAfter(go, new ExportLeases(store)));
        go.countDown();
        var all = new ArrayList<ExportJob>(first.get(30, TimeUnit.SECONDS));
        all.addAll(second.get(30, TimeUnit.SECONDS));

        // Then every orphan is failed (and would be published) by exactly one of them
        assertThat(all).extracting(ExportJob::exportId).containsExactlyInAnyOrderElementsOf(orphans);
        for (String id : orphans) {
            assertThat(row(id).status()).isEqualTo(ExportJob.FAILED);
        }
    }

    @Test
    void shouldRenewTheHeartbeatOfTheJobsLiveInThisInstanceOnly() throws Exception {
        // Given two jobs recorded as an instance records them: the insert sets the first heartbeat
        var jobs = new ExportJobs(store);
        jobs.insert(job("acme", "mine"));
        jobs.insert(job("acme", "theirs"));
        assertThat(row("mine").heartbeatAt()).isNotNull();
        assertThat(row("theirs").heartbeatAt()).isNotNull();

        // ... whose heartbeats are then long past; this instance runs only the first
        execute("UPDATE feature_exports SET heartbeat_at = '2025-03-01T12:00:00Z'");
        var leases = new ExportLeases(store);
        leases.hold("mine");

        // When the heartbeat fires
        int renewed = leases.renew();

        // Then the live job's heartbeat advances to PostgreSQL's now, the other job's does not
        assertThat(renewed).isEqualTo(1);
        assertThat(row("mine").heartbeatAt()).isAfter(OffsetDateTime.parse("2025-03-01T12:00:00Z"));
        assertThat(fresh("mine")).isTrue();
        assertThat(row("theirs").heartbeatAt()).isAtSameInstantAs(OffsetDateTime.parse("2025-03-01T12:00:00Z"));

        // ... so the reaper takes only the job nobody renews
        assertThat(leases.reap()).extracting(ExportJob::exportId).containsExactly("theirs");
        assertThat(row("mine").status()).isEqualTo(ExportJob.PENDING);

        // ... and once released (its run ended) the job is no longer renewed
        leases.release("mine");
        assertThat(leases.renew()).isZero();

        // ... while the reaped job, if its instance comes back and finishes it, stays failed
        ExportJob late = job("acme", "theirs").running();
        assertThat(jobs.update(late)).isFalse();
        assertThat(row("theirs").status()).isEqualTo(ExportJob.FAILED);
        assertThat(jobs.update(job("acme", "mine").running())).isTrue();
        assertThat(row("mine").status()).isEqualTo(ExportJob.RUNNING);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static List<ExportJob> reapAfter(CountDownLatch go, ExportLeases leases) {
        try {
            go.await();
            return leases.reap();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ExportJob job(String tenant, String exportId) {
        Instant start = Instant.parse("2025-03-01T00:00:00Z");
        return new ExportJob(
                exportId,
                tenant,
                "forecast_basic",
                start,
                start.plusSeconds(3600),
                null,
                ExportJob.PENDING,
                "/exports/" + tenant + "/" + exportId + ".parquet",
                null,
                null,
                null,
                Instant.now(),
                null);
    }

    private record Row(
            String status,
            @Nullable String error,
            @Nullable OffsetDateTime completedAt,
            @Nullable OffsetDateTime heartbeatAt) {}

    private Row row(String exportId) throws SQLException {
        try (Connection connection = fixture.connect();
                var statement = connection.prepareStatement(
                        "SELECT status, error, completed_at, heartbeat_at FROM feature_exports WHERE export_id = ?")) {
            statement.setString(1, exportId);
            try (ResultSet result = statement.executeQuery()) {
                assertThat(result.next()).as("row %s", exportId).isTrue();
                return new Row(
                        result.getString("status"),
                        result.getString("error"),
                        result.getObject("completed_at", OffsetDateTime.class),
                        result.getObject("heartbeat_at", OffsetDateTime.class));
            }
        }
    }

    /** Whether the job's heartbeat is within the reaper's limit by PostgreSQL's own clock. */
    private boolean fresh(String exportId) throws SQLException {
        try (Connection connection = fixture.connect();
                var statement = connection.prepareStatement("SELECT heartbeat_at > now() - interval '60 seconds'"
                        + " FROM feature_exports WHERE export_id = ?")) {
            statement.setString(1, exportId);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = fixture.connect();
                var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
