package io.aihub.connectors.postgres;

import io.aihub.connectors.postgres.internal.BadRecordException;
import io.aihub.connectors.postgres.internal.BatchWriter;
import io.aihub.connectors.postgres.internal.Retention;
import io.aihub.connectors.postgres.internal.Row;
import io.aihub.connectors.postgres.internal.SqlFailure;
import io.aihub.connectors.postgres.internal.TableKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each {@link #put} batch to PostgreSQL before returning, so the offsets Connect commits afterwards are always
 * of written records (at least once); the upserts on natural keys make the re-deliveries harmless (exactly one row per
 * key).
 *
 * <p>Failures: a value that can never be written ({@link BadRecordException}, or PostgreSQL refusing its data with SQL
 * state class 22/23, found by re-writing the batch record by record) goes to the errant record reporter, i.e. the
 * dead-letter queue, and the task goes on; a transient database failure is retried up to {@code max.retries} times in
 * a row (Connect re-delivers the same batch after {@code retry.backoff.ms}), then fails the task; anything else fails
 * the task at once.
 */
public final class PostgresSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSinkTask.class);

    private @Nullable PostgresSinkConfig config;
    private @Nullable ErrantRecordReporter reporter;
    private @Nullable Retention retention;
    private @Nullable Connection connection;
    private int consecutiveFailures;

    @Override
    public String version() {
        return Versions.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        var settings = new PostgresSinkConfig(props);
        this.config = settings;
        this.reporter = errantRecordReporter();
        this.retention = new Retention(
                settings.schema(), settings.taskIndex() == 0 ? settings.retentionIntervalMs() : 0, Clock.systemUTC());
        LOG.info(
                "PostgreSQL sink task {} started (dead-letter queue {}): {}",
                settings.taskIndex(),
                reporter != null ? "available" : "not configured",
                settings);
    }

    private @Nullable ErrantRecordReporter errantRecordReporter() {
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null; // a worker older than Kafka 2.6
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        var settings = settings();
        var retentionJob = retention();
        if (records.isEmpty() && !retentionJob.due()) {
            return;
        }
        var mapped = new ArrayList<RecordRows>(records.size());
        var rejected = new ArrayList<Rejected>();
        var rows = new ArrayList<Row>(records.size());
        for (SinkRecord record : records) {
            TableKind kind = settings.tableMapping().get(record.topic());
            if (kind == null) {
                throw new ConnectException(
                        "topic " + record.topic() + " has no entry in " + PostgresSinkConfig.TABLE_MAPPING + " "
                                + settings.tableMapping().keySet());
            }
            try {
                var recordRows = kind.toRows(record.value());
                mapped.add(new RecordRows(record, recordRows));
                rows.addAll(recordRows);
            } catch (BadRecordException e) {
                rejected.add(new Rejected(record, e));
            }
        }
        try {
            var writer = new BatchWriter(connection(), settings.schema(), settings.batchSize());
            try {
                writer.write(rows);
            } catch (SQLException e) {
                if (SqlFailure.of(e) != SqlFailure.BAD_DATA) {
                    throw e;
                }
                LOG.warn(
                        "a batch of {} records was refused ({}); writing them one by one",
                        records.size(),
                        SqlFailure.reason(e));
                rejected.addAll(writeOneByOne(writer, mapped));
            }
            if (retentionJob.due()) {
                LOG.info("retention applied, rows deleted per table: {}", retentionJob.apply(connection()));
            }
            consecutiveFailures = 0;
        } catch (SQLException e) {
            throw failure(settings, e);
        }
        report(rejected);
    }

    private static List<Rejected> writeOneByOne(BatchWriter writer, List<RecordRows> mapped) throws SQLException {
        var rejected = new ArrayList<Rejected>();
        for (RecordRows recordRows : mapped) {
            try {
                writer.write(recordRows.rows());
            } catch (SQLException e) {
                if (SqlFailure.of(e) != SqlFailure.BAD_DATA) {
                    throw e;
                }
                rejected.add(new Rejected(
                        recordRows.record(),
                        new BadRecordException("PostgreSQL refused the record: " + SqlFailure.reason(e), e)));
            }
        }
        return rejected;
    }

    private RuntimeException failure(PostgresSinkConfig settings, SQLException e) {
        closeConnection();
        var kind = SqlFailure.of(e);
        if (kind == SqlFailure.TRANSIENT && consecutiveFailures < settings.maxRetries()) {
            consecutiveFailures++;
            LOG.warn(
                    "transient database failure {} of at most {} in a row, retrying in {} ms: {}",
                    consecutiveFailures,
                    settings.maxRetries(),
                    settings.retryBackoffMs(),
                    SqlFailure.reason(e));
            context.timeout(settings.retryBackoffMs());
            return new RetriableException("transient failure writing to " + settings.database(), e);
        }
        String why = kind == SqlFailure.TRANSIENT
                ? "database still failing after " + settings.maxRetries() + " retries"
                : "database failure (SQL state " + e.getSQLState() + ")";
        return new ConnectException(why + " writing to " + settings.database(), e);
    }

    private void report(List<Rejected> rejected) {
        for (Rejected bad : rejected) {
            var record = bad.record();
            if (reporter == null) {
                throw new ConnectException(
                        "record " + record.topic() + "-" + record.kafkaPartition() + "@" + record.kafkaOffset()
                                + " cannot be written and no dead-letter queue is configured"
                                + " (errors.tolerance=all, errors.deadletterqueue.topic.name)",
                        bad.cause());
            }
            LOG.warn(
                    "record {}-{}@{} sent to the dead-letter queue: {}",
                    record.topic(),
                    record.kafkaPartition(),
                    record.kafkaOffset(),
                    bad.cause().getMessage());
            // Connect waits for these reports before it commits the offsets past them
            reporter.report(record, bad.cause());
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = settings().database().connect();
        }
        return connection;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing a failed connection failed too", e);
            }
            connection = null;
        }
    }

    private PostgresSinkConfig settings() {
        if (config == null) {
            throw new IllegalStateException("put before start");
        }
        return config;
    }

    private Retention retention() {
        if (retention == null) {
            throw new IllegalStateException("put before start");
        }
        return retention;
    }

    @Override
    public void stop() {
        closeConnection();
    }

    private record RecordRows(SinkRecord record, List<Row> rows) {}

    private record Rejected(SinkRecord record, BadRecordException cause) {}
}
