package io.aihub.services.export;

import io.aihub.services.api.NotFoundException;
import io.aihub.services.api.ProblemException;
import io.aihub.services.export.ExportPublisher.ExportPublishException;
import io.aihub.services.export.ParquetExport.ExportFailedException;
import io.aihub.topology.catalog.FeatureCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Accepts export jobs and runs them in the background: a job is checked (400/422), refused with 404 when the tenant
 * has no logged vector in the range and assets, recorded {@code pending} (table and topic) and answered at once; a
 * worker then writes the Parquet file to a temporary file next to its target (local) or in the export folder (S3),
 * moves or uploads it, and records {@code completed} with the row count and size, or {@code failed} with the reason.
 * A local target only ever appears complete (atomic move). A scheduler of its own renews the heartbeat of the jobs
 * live here and, from {@link #startReaper()} on, fails the jobs whose instance stopped without a word
 * ({@link ExportLeases}).
 */
public final class ExportService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExportService.class);

    private final FeatureCatalog catalog;
    private final ExportJobs jobs;
    private final OfflineStore store;
    private final ExportTargets targets;
    private final @Nullable ExportUploader uploader;
    private final ExportPublisher publisher;
    private final ParquetExport parquet;
    private final ExecutorService workers;
    private final ExportLeases leases;
    private final ScheduledExecutorService leaseThreads;
    private final AtomicBoolean reaping = new AtomicBoolean();
    private final Clock clock;

    ExportService(
            FeatureCatalog catalog,
            OfflineStore store,
            ExportTargets targets,
            @Nullable ExportUploader uploader,
            ExportPublisher publisher,
            ParquetExport parquet,
            int concurrency,
            Clock clock) {
        this.catalog = catalog;
        this.store = store;
        this.jobs = new ExportJobs(store);
        this.targets = targets;
        this.uploader = uploader;
        this.publisher = publisher;
        this.parquet = parquet;
        var sequence = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "aihub-export-" + sequence.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.clock = clock;
        this.leases = new ExportLeases(store);
        // two threads: a reap publishing to a slow broker (up to 10 s a job) never delays this instance's heartbeat
        var leaseSequence = new AtomicInteger();
        this.leaseThreads = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "aihub-export-lease-" + leaseSequence.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        long heartbeat = ExportLeases.HEARTBEAT.toMillis();
        leaseThreads.scheduleWithFixedDelay(this::renewQuietly, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
    }

    /**
     * Looks for abandoned jobs now and every {@link ExportLeases#REAP_EVERY}; called once the application is ready
     * (its topics exist), since a reaped job is published. Later calls do nothing.
     */
    void startReaper() {
        if (reaping.compareAndSet(false, true)) {
            leaseThreads.scheduleWithFixedDelay(
                    this::reapQuietly, 0, ExportLeases.REAP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Checks and records the job, starts it in the background and returns it {@code pending}. */
    ExportJob submit(ExportRequest request) {
        String exportId = UUID.randomUUID().toString();
        var accepted = ExportValidation.check(request, catalog, targets, exportId);
        ExportQuery query = accepted.query();
        var job = new ExportJob(
                exportId,
                query.tenantId(),
                accepted.featureSet(),
                query.start(),
                query.end(),
                accepted.assetIds(),
                ExportJob.PENDING,
                accepted.target().storagePath(),
                null,
                null,
                null,
                clock.instant(),
                null);
        try {
            if (!jobs.anyRows(query)) {
                throw new NotFoundException(
                        "No data found for export",
                        "tenant " + query.tenantId() + " has no logged feature vectors from " + query.start() + " to "
                                + query.end() + (query.assetIds().isEmpty() ? "" : " for assets " + query.assetIds()));
            }
            jobs.insert(job);
        } catch (SQLException e) {
            throw unavailable(e);
        }
        leases.hold(exportId);
        publishQuietly(job);
        try {
            workers.execute(() -> run(job, query, accepted.target()));
        } catch (RejectedExecutionException e) {
            leases.release(exportId);
            fail(job, "the application is shutting down");
            throw new ProblemException(
                    HttpStatus.SERVICE_UNAVAILABLE, "Export not started", "the application is shutting down", null, e);
        }
        return job;
    }

    /** The tenant's jobs, newest first. */
    List<ExportJob> list(String tenantId, @Nullable String featureSet, @Nullable String status, int limit) {
        try {
            return jobs.list(tenantId, featureSet, status, limit);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private void run(ExportJob pending, ExportQuery query, ExportTarget target) {
        ExportJob running = pending.running();
        Path temporary = null;
        try {
            if (!recorded(running)) {
                return;
            }
            temporary = temporaryFile(target, pending.exportId());
            ExportResult result = parquet.write(store::connect, query, temporary);
            switch (target) {
                case ExportTarget.Local local ->
                    Files.move(
                            temporary,
                            local.file(),
                            StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                case ExportTarget.S3 s3 -> {
                    if (uploader == null) {
                        throw new ExportFailedException("no S3 server is configured", new IllegalStateException());
                    }
                    uploader.upload(temporary, s3);
                }
            }
            ExportJob completed = running.completed(result, clock.instant());
            if (!recorded(completed)) {
                return;
            }
            log.info(
                    "Export {} of tenant {} completed: {} rows, {} bytes to {}",
                    pending.exportId(),
                    pending.tenantId(),
                    result.rows(),
                    result.bytes(),
                    target.storagePath());
        } catch (ExportFailedException e) {
            fail(running, e.getMessage());
        } catch (SQLException e) {
            fail(running, "offline store: " + e.getMessage());
        } catch (IOException e) {
            fail(running, "cannot write " + target.storagePath() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(running, "interrupted: the application is shutting down");
        } finally {
            leases.release(pending.exportId());
            deleteQuietly(temporary);
        }
    }

    private Path temporaryFile(ExportTarget target, String exportId) throws IOException {
        Path folder = switch (target) {
            case ExportTarget.Local local -> local.file().getParent();
            case ExportTarget.S3 s3 -> targets.exportDir().resolve(".uploads");
        };
        Files.createDirectories(folder);
        return folder.resolve("." + exportId + ".parquet.tmp");
    }

    private void fail(ExportJob job, @Nullable String reason) {
        ExportJob failed = job.failed(reason == null ? "unknown failure" : reason, clock.instant());
        log.warn("Export {} of tenant {} failed: {}", job.exportId(), job.tenantId(), failed.error());
        try {
            recorded(failed);
        } catch (SQLException e) {
            log.error("Cannot record export {} as failed in feature_exports", job.exportId(), e);
            publishQuietly(failed);
        }
    }

    /**
     * Records and publishes the job's new state; false, with a log line, when the job has already ended: another
     * instance failed it as abandoned while this one could not renew its heartbeat.
     */
    private boolean recorded(ExportJob job) throws SQLException {
        if (jobs.update(job)) {
            publishQuietly(job);
            return true;
        }
        log.warn(
                "Export {} of tenant {} was failed as abandoned before it could be recorded {}; it stays failed",
                job.exportId(),
                job.tenantId(),
                job.status());
        return false;
    }

    /** Renews this instance's live jobs; a miss is logged, the next heartbeat tries again. */
    private void renewQuietly() {
        try {
            leases.renew();
        } catch (SQLException e) {
            // one line: the offline store may be down or not migrated yet (the sink migrates it when it starts)
            log.warn("Cannot renew the heartbeat of this instance's exports in feature_exports: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Cannot renew the heartbeat of this instance's exports in feature_exports", e);
        }
    }

    /** Fails the abandoned jobs and publishes each; one log line per job, of its tenant only. */
    private void reapQuietly() {
        try {
            for (ExportJob abandoned : leases.reap()) {
                log.warn(
                        "Export {} of tenant {} failed: {}",
                        abandoned.exportId(),
                        abandoned.tenantId(),
                        abandoned.error());
                publishQuietly(abandoned);
            }
        } catch (SQLException e) {
            // one line: the offline store may be down or not migrated yet (the sink migrates it when it starts)
            log.warn("Cannot look for abandoned exports in feature_exports yet: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Cannot look for abandoned exports in feature_exports", e);
        }
    }

    /** The table is the record of truth: a state the topic missed is logged, the job goes on. */
    private void publishQuietly(ExportJob job) {
        try {
            publisher.publish(job);
        } catch (ExportPublishException e) {
            log.warn("Export {} is {} but the feature-exports topic missed it", job.exportId(), job.status(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while writing export {} to the feature-exports topic", job.exportId(), e);
        }
    }

    private static void deleteQuietly(@Nullable Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete the temporary export file {}", file, e);
        }
    }

    /** Stops the workers, then the heartbeat; a running export is interrupted and recorded failed. */
    @Override
    public void close() {
        workers.shutdownNow();
        try {
            // a running job records itself failed once interrupted; give it the time to say so
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("An export did not stop within 10 s of the shutdown; without a heartbeat it is reaped later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            leaseThreads.shutdownNow();
        }
    }

    private ProblemException unavailable(SQLException e) {
        return new ProblemException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Offline store unavailable",
                "cannot reach the offline store at " + store.describe() + ": " + e.getMessage(),
                null,
                e);
    }
}
