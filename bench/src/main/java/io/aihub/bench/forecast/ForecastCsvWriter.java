package io.aihub.bench.forecast;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;

/**
 * Writes every forecast point of an evaluation as CSV, {@value #HEADER}: times ISO-8601 UTC, numbers in Java's
 * shortest round-trip form, so the scores can be recomputed from the file alone.
 */
public final class ForecastCsvWriter implements AutoCloseable {

    /** The header line. */
    public static final String HEADER = "issued_at,target_time,p10,p50,p90,actual";

    private final BufferedWriter out;

    /** Writes the header to {@code out}; closing this writer closes {@code out}. */
    public ForecastCsvWriter(Writer out) {
        this.out = out instanceof BufferedWriter buffered ? buffered : new BufferedWriter(out);
        line(HEADER);
    }

    /** One row. */
    public void write(Instant issuedAt, Instant targetTime, double p10, double p50, double p90, double actual) {
        line(issuedAt + "," + targetTime + "," + p10 + "," + p50 + "," + p90 + "," + actual);
    }

    private void line(String text) {
        try {
            out.write(text);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the forecast CSV", e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the forecast CSV", e);
        }
    }
}
