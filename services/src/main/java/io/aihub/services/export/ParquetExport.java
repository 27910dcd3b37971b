package io.aihub.services.export;

import io.aihub.services.export.internal.CopyBinaryReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
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
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;

/**
 * Writes the rows of an {@link ExportQuery} to a snappy Parquet file through parquet-avro. Two threads overlap the
 * work: a reader streams {@code COPY ... (FORMAT binary)} out of PostgreSQL and decodes it into Avro records, the
 * calling thread encodes them into Parquet; a bounded queue of record batches sits between them, so memory stays
 * bounded whatever the row count. Either side's failure stops the other and is thrown with its cause.
 */
public final class ParquetExport {

    private static final int BATCH = 2048;
    private static final GenericRecord[] END = new GenericRecord[0];

    private final int queueCapacity;

    /** An exporter reading at most {@code queueCapacity} batches of {@value #BATCH} rows ahead of the writer. */
    public ParquetExport(int queueCapacity) {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be >= 1");
        }
        this.queueCapacity = queueCapacity;
    }

    /**
     * Writes the query's rows read over {@code connection} to {@code file} (replaced if it exists).
     *
     * @throws ExportFailedException naming what failed (PostgreSQL, the file), with the cause
     * @throws InterruptedException if interrupted while waiting for the reader; nothing is left running
     */
    public ExportResult write(Connection connection, ExportQuery query, Path file) throws InterruptedException {
        Schema schema = query.schema();
        BlockingQueue<GenericRecord[]> queue = new ArrayBlockingQueue<>(queueCapacity);
        var reader = new Reader(connection, query, schema, queue);
        Thread thread = Thread.ofPlatform().name("aihub-export-reader").start(reader);
        long rows = 0;
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withSchema(schema)
                .withDataModel(GenericData.get())
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build()) {
            while (true) {
                GenericRecord[] batch = queue.take();
                if (batch == END) {
                    break;
                }
                for (GenericRecord row : batch) {
                    writer.write(row);
                }
                rows += batch.length;
            }
        } catch (IOException | RuntimeException e) {
            reader.stop();
            thread.join();
            throw new ExportFailedException("cannot write the Parquet file " + file + ": " + describe(e), e);
        } catch (InterruptedException e) {
            reader.stop();
            thread.join();
            throw e;
        }
        thread.join();
        Throwable failure = reader.failure.get();
        if (failure != null) {
            throw new ExportFailedException("cannot read ai_features: " + describe(failure), failure);
        }
        try {
            return new ExportResult(rows, Files.size(file));
        } catch (IOException e) {
            throw new ExportFailedException("cannot read the size of " + file, e);
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Streams the COPY out of PostgreSQL and decodes it into batches of Avro records. */
    private static final class Reader implements Runnable {

        private final Connection connection;
        private final ExportQuery query;
        private final Schema schema;
        private final BlockingQueue<GenericRecord[]> queue;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile boolean stopped;

        Reader(Connection connection, ExportQuery query, Schema schema, BlockingQueue<GenericRecord[]> queue) {
            this.connection = connection;
            this.query = query;
            this.schema = schema;
            this.queue = queue;
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            try (PGCopyInputStream copy =
                    new PGCopyInputStream(connection.unwrap(PGConnection.class), query.copySql())) {
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
            int features = query.features().size();
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

        /** Queues {@code batch}, waiting while the writer is busy; false if the writer stopped meanwhile. */
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
