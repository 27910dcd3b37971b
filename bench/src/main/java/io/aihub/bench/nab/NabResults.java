package io.aihub.bench.nab;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * NAB's result files: {@code <dir>/<detector>/<category>/<detector>_<file>.csv}, one row per data row, with the columns
 * NAB's {@code detectDataSet} (nab/detectors/base.py) writes: {@code timestamp,value,anomaly_score,label}, the label
 * being 1 inside a window. Timestamps are written as pandas writes them ({@code 2014-04-01 00:00:00}) and numbers as
 * Python's {@code repr} ({@code 0.0}, {@code 0.110236495915}, {@code 1e-05}); a value column that holds only whole
 * numbers is written without a fraction, as pandas writes an integer column. NAB's scoring step later appends
 * {@code S(t)_<profile>} columns to these files; this writer does not.
 */
public final class NabResults {

    /** The header of a result file. */
    public static final String HEADER = "timestamp,value,anomaly_score,label";

    private NabResults() {}

    /** {@code <dir>/<detector>/<category>/<detector>_<file>.csv}. */
    public static Path path(Path dir, String detector, NabSeries series) {
        if (detector.isBlank() || detector.contains("/") || detector.contains("_")) {
            // NAB's Runner.normalize takes the detector name as the text before the first '_' of its scores file name
            throw new IllegalArgumentException("a NAB detector name is one path segment without '_', got " + detector);
        }
        return dir.resolve(detector).resolve(series.category()).resolve(detector + "_" + series.fileName());
    }

    /** Writes the result files of every series of the corpus. */
    public static void writeAll(Path dir, String detector, NabCorpus corpus, Map<String, double[]> anomalyScores) {
        for (NabSeries series : corpus.series()) {
            double[] scores = anomalyScores.get(series.relativePath());
            if (scores == null) {
                throw new IllegalArgumentException("no anomaly scores for " + series.relativePath());
            }
            write(dir, detector, series, scores);
        }
    }

    /** Writes one series' result file and returns its path. */
    public static Path write(Path dir, String detector, NabSeries series, double[] anomalyScores) {
        if (anomalyScores.length != series.size()) {
            throw new IllegalArgumentException(series.relativePath() + " has " + series.size() + " rows but "
                    + anomalyScores.length + " anomaly scores");
        }
        Path file = path(dir, detector, series);
        long[] timestamps = series.timestampMillis();
        double[] values = series.values();
        boolean micros = NabTimestamps.needsMicros(timestamps);
        boolean integralValues = Arrays.stream(values).allMatch(NabResults::isWholeNumber);
        try {
            Files.createDirectories(file.getParent());
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write(HEADER);
                out.write('\n');
                for (int row = 0; row < series.size(); row++) {
                    out.write(NabTimestamps.format(timestamps[row], micros));
                    out.write(',');
                    out.write(integralValues ? Long.toString((long) values[row]) : pythonRepr(values[row]));
                    out.write(',');
                    out.write(pythonRepr(anomalyScores[row]));
                    out.write(',');
                    out.write(series.inWindow(row) ? '1' : '0');
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            throw new NabFormatException("cannot write NAB result file " + file, e);
        }
        return file;
    }

    /**
     * Reads a NAB result file, ours or NAB's (which may carry more columns, e.g. {@code S(t)_standard}); the
     * {@code timestamp}, {@code value} and {@code anomaly_score} columns are found by name.
     */
    public static NabResultFile read(Path file) {
        long[] timestamps = new long[1024];
        double[] values = new double[1024];
        double[] scores = new double[1024];
        int rows = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new NabFormatException("NAB result file " + file + " is empty");
            }
            List<String> columns =
                    Arrays.stream(header.split(",", -1)).map(String::strip).toList();
            int t = columns.indexOf("timestamp");
            int v = columns.indexOf("value");
            int s = columns.indexOf("anomaly_score");
            if (t < 0 || v < 0 || s < 0) {
                throw new NabFormatException(
                        "NAB result file " + file + " lacks a timestamp, value or anomaly_score column: " + header);
            }
            String line;
            int lineNumber = 1;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (fields.length != columns.size()) {
                    throw new NabFormatException("NAB result file " + file + " line " + lineNumber + " has "
                            + fields.length + " fields, the header " + columns.size());
                }
                if (rows == timestamps.length) {
                    timestamps = Arrays.copyOf(timestamps, rows * 2);
                    values = Arrays.copyOf(values, rows * 2);
                    scores = Arrays.copyOf(scores, rows * 2);
                }
                try {
                    timestamps[rows] = NabTimestamps.parse(fields[t]);
                    values[rows] = Double.parseDouble(fields[v].strip());
                    scores[rows] = Double.parseDouble(fields[s].strip());
                } catch (DateTimeParseException | NumberFormatException e) {
                    throw new NabFormatException(
                            "NAB result file " + file + " line " + lineNumber + " is malformed: " + line, e);
                }
                rows++;
            }
        } catch (IOException e) {
            throw new NabFormatException("cannot read NAB result file " + file, e);
        }
        return new NabResultFile(
                Arrays.copyOf(timestamps, rows), Arrays.copyOf(values, rows), Arrays.copyOf(scores, rows));
    }

    /**
     * Reads a detector's anomaly scores for every series of the corpus from {@code <dir>/<detector>/...}, checking that
     * each file has the series' timestamps; the result can go straight to {@link NabScorer#score}.
     */
    public static Map<String, double[]> readAll(Path dir, String detector, NabCorpus corpus) {
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (NabSeries series : corpus.series()) {
            Path file = path(dir, detector, series);
            if (!Files.isRegularFile(file)) {
                throw new NabFormatException("no NAB result file " + file + " for " + series.relativePath());
            }
            NabResultFile result = read(file);
            if (!Arrays.equals(result.timestampMillis(), series.timestampMillis())) {
                throw new NabFormatException(
                        "NAB result file " + file + " does not have the timestamps of " + series.relativePath());
            }
            scores.put(series.relativePath(), result.anomalyScores());
        }
        return scores;
    }

    private static boolean isWholeNumber(double v) {
        return v == Math.rint(v) && Math.abs(v) < 0x1p53;
    }

    /** Python's {@code repr(float)}: the shortest text that reads back as the same double, in Python's layout. */
    static String pythonRepr(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return Double.doubleToRawLongBits(v) < 0 ? "-0.0" : "0.0";
        }
        // Double.toString gives the shortest uniquely-identifying digits (JDK 19+), as repr does; only the layout
        // differs
        BigDecimal shortest = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        double magnitude = Math.abs(v);
        if (magnitude >= 1e-4 && magnitude < 1e16) {
            String plain = shortest.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = shortest.precision() - shortest.scale() - 1;
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (v < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
    }
}
