package io.aihub.services.export;

import io.aihub.services.export.internal.CopyBinaryReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;

/**
 * Writes the rows of an {@link ExportQuery} to a snappy Parquet file through parquet-avro. The work overlaps: reader
 * threads stream {@code COPY ... (FORMAT binary)} out of PostgreSQL (several connections on one snapshot, each a part
 * of the table: {@link SharedSnapshot}) and decode it into Avro records, while the calling thread encodes them into
 * Parquet; a bounded queue of record batches sits between them, so memory stays bounded whatever the row count. Any
 * side's failure stops the others and is thrown with its cause.
 */
public final class ParquetExport {

    private static final int BATCH = 2048;
    private static final GenericRecord[] END = new GenericRecord[0];

    /** Where the connections come from (each is closed by the export). */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection connect() throws SQLException;
    }

    private final int queueCapacity;
    private final int streams;

    /**
     * An exporter reading at most {@code queueCapacity} batches of {@value #BATCH} rows ahead of the writer, over at
     * most {@code streams} connections at once.
     */
    public ParquetExport(int queueCapacity, int streams) {
        if (queueCapacity < 1 || streams < 1) {
            throw new IllegalArgumentException("queueCapacity and streams must be >= 1");
        }
        this.queueCapacity = queueCapacity;
        this.streams = streams;
    }

    /**
     * Writes the query's rows to {@code file} (replaced if it exists).
     *
     * @throws ExportFailedException naming what failed (PostgreSQL, the file), with the cause
     * @throws InterruptedException if interrupted while waiting for the readers; nothing is left running
     */
    public ExportResult write(ConnectionSource source, ExportQuery query, Path file) throws InterruptedException {
        Schema schema = query.schema();
        long rows;
        try (SharedSnapshot copies = SharedSnapshot.open(source, query, streams)) {
            rows = write(copies, query, schema, file);
        } catch (SQLException e) {
            throw new ExportFailedException("cannot read ai_features: " + describe(e), e);
        }
        try {
            return new ExportResult(rows, Files.size(file));
        } catch (IOException e) {
            throw new ExportFailedException("cannot read the size of " + file, e);
        }
    }

    private long write(SharedSnapshot copies, ExportQuery query, Schema schema, Path file) throws InterruptedException {
        BlockingQueue<GenericRecord[]> queue = new ArrayBlockingQueue<>(queueCapacity);
        var failure = new AtomicReference<@Nullable Throwable>();
        var readers = new ArrayList<Reader>(copies.size());
        var threads = new ArrayList<Thread>(copies.size());
        for (int part = 0; part < copies.size(); part++) {
            var reader = new Reader(
                    copies.connection(part),
                    copies.statement(part),
                    query.features().size(),
                    schema,
                    queue,
                    failure);
            readers.add(reader);
            threads.add(Thread.ofPlatform().name("aihub-export-reader-" + part).start(reader));
        }
        long rows = 0;
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withSchema(schema)
                .withDataModel(GenericData.get())
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build()) {
            int ended = 0;
            while (ended < readers.size() && failure.get() == null) {
                GenericRecord[] batch = queue.take();
                if (batch == END) {
                    ended++;
                    continue;
                }
                for (GenericRecord row : batch) {
                    writer.write(row);
                }
                rows += batch.length;
            }
        } catch (IOException | RuntimeException e) {
            stopAll(readers, threads);
            throw new ExportFailedException("cannot write the Parquet file " + file + ": " + describe(e), e);
        } catch (InterruptedException e) {
            stopAll(readers, threads);
            throw e;
        }
        stopAll(readers, threads);
        Throwable failed = failure.get();
        if (failed != null) {
            throw new ExportFailedException("cannot read ai_features: " + describe(failed), failed);
        }
        return rows;
    }

    private static void stopAll(List<Reader> readers, List<Thread> threads) throws InterruptedException {
        readers.forEach(Reader::stop);
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Streams one COPY out of PostgreSQL and decodes it into batches of Avro records. */
    private static final class Reader implements Runnable {

        private final Connection connection;
        private final String sql;
        private final int features;
        private final Schema schema;
        private final BlockingQueue<GenericRecord[]> queue;
        private final AtomicReference<@Nullable Throwable> failure;
        private volatile boolean stopped;

        Reader(
                Connection connection,
                String sql,
                int features,
                Schema schema,
                BlockingQueue<GenericRecord[]> queue,
                AtomicReference<@Nullable Throwable> failure) {
            this.connection = connection;
            this.sql = sql;
            this.features = features;
            this.schema = schema;
            this.queue = queue;
            this.failure = failure;
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            try (PGCopyInputStream copy = new PGCopyInputStream(connection.unwrap(PGConnection.class), sql)) {
                try {
                    decode(copy);
                } finally {
                    if (copy.isActive()) {
                        copy.cancelCopy();
                    }
                }
            } catch (SQLException | IOException | RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                offerUntilStopped(END);
            }
        }

        private void decode(InputStream in) throws IOException {
            int fields = ExportQuery.KEY_COLUMNS.size() + features;
            var copy = new CopyBinaryReader(in, 3);
            copy.readHeader();
            GenericRecord[] batch = new GenericRecord[BATCH];
            int filled = 0;
            while (!stopped) {
                int count = copy.nextTuple();
                if (count < 0) {
                    break;
                }
                if (count != fields) {
                    throw new IOException("a row of " + count + " fields, expected " + fields);
                }
                GenericData.Record row = new GenericData.Record(schema);
                row.put(0, copy.text(0));
                row.put(1, copy.text(1));
                row.put(2, copy.text(2));
                row.put(3, copy.timestampMillis());
                row.put(4, copy.float8());
                for (int i = 0; i < features; i++) {
                    row.put(5 + i, copy.nullableFloat8());
                }
                batch[filled++] = row;
                if (filled == BATCH) {
                    if (!offerUntilStopped(batch)) {
                        return;
                    }
                    batch = new GenericRecord[BATCH];
                    filled = 0;
                }
            }
            if (filled > 0 && !stopped) {
                offerUntilStopped(Arrays.copyOf(batch, filled));
            }
        }

        /** Queues {@code batch}, waiting while the writer is busy; false if the export stopped meanwhile. */
        private boolean offerUntilStopped(GenericRecord[] batch) {
            try {
                while (!queue.offer(batch, 50, TimeUnit.MILLISECONDS)) {
                    if (stopped) {
                        return false;
                    }
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure.compareAndSet(null, e);
                return false;
            }
        }
    }

    /** An export that could not be written: the message says what failed, the cause is kept. */
    public static final class ExportFailedException extends RuntimeException {
        public ExportFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
