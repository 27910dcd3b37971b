package io.aihub.services.standalone;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the demo data shipped under {@code data/}: the ETT transformer as tenant {@code ett}, asset
 * {@code ETTh2}, one metric per column; each NAB {@code realKnownCause} series as tenant {@code nab}, asset = file
 * name, metric {@code value}. Timestamps are read as UTC.
 */
public final class ReplayData {

    public static final String ETT_TENANT = "ett";
    public static final String NAB_TENANT = "nab";

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ReplayData() {}

    /** One series file: all its readings share one tenant and asset, in file order, with the file's times. */
    public record Series(String tenant, String asset, List<Point> points) {
        public Series {
            points = List.copyOf(points);
            if (points.isEmpty()) {
                throw new IllegalArgumentException("series " + tenant + ":" + asset + " has no readings");
            }
        }

        /** The earliest event time of the series, epoch millis. */
        public long firstMillis() {
            return points.stream().mapToLong(Point::millis).min().orElseThrow();
        }
    }

    /** One reading of one metric at one time (epoch millis, UTC). */
    public record Point(long millis, String metric, double value) {}

    /** Every series under {@code dataRoot} ({@code ett/ETTh2.csv} and {@code nab/realKnownCause/*.csv}). */
    public static List<Series> load(Path dataRoot) throws IOException {
        var series = new ArrayList<Series>();
        Path ett = dataRoot.resolve("ett").resolve("ETTh2.csv");
        if (Files.isRegularFile(ett)) {
            series.add(readWide(ett, ETT_TENANT, "ETTh2"));
        }
        Path nab = dataRoot.resolve("nab").resolve("realKnownCause");
        if (Files.isDirectory(nab)) {
            try (Stream<Path> files = Files.list(nab)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".csv"))
                        .sorted()
                        .toList()) {
                    String name = file.getFileName().toString();
                    series.add(readWide(file, NAB_TENANT, name.substring(0, name.length() - ".csv".length())));
                }
            }
        }
        if (series.isEmpty()) {
            throw new IOException("no demo data under " + dataRoot.toAbsolutePath()
                    + " (expected ett/ETTh2.csv and nab/realKnownCause/*.csv)");
        }
        return series;
    }

    /** A CSV whose first column is the timestamp and every other column a metric named by its header. */
    static Series readWide(Path file, String tenant, String asset) throws IOException {
        var points = new ArrayList<Point>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null) {
                throw new IOException(file + " is empty");
            }
            List<String> metrics = Arrays.asList(header.strip().split(","));
            metrics = metrics.subList(1, metrics.size());
            String line;
            int lineNumber = 1;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.strip().split(",");
                if (cells.length != metrics.size() + 1) {
                    throw new IOException(file + ":" + lineNumber + ": expected " + (metrics.size() + 1)
                            + " columns, found " + cells.length);
                }
                long millis;
                try {
                    millis = LocalDateTime.parse(cells[0], TIMESTAMP)
                            .toInstant(ZoneOffset.UTC)
                            .toEpochMilli();
                    for (int i = 0; i < metrics.size(); i++) {
                        points.add(new Point(millis, metrics.get(i), Double.parseDouble(cells[i + 1])));
                    }
                } catch (RuntimeException e) {
                    throw new IOException(file + ":" + lineNumber + ": cannot parse '" + line + "'", e);
                }
            }
        }
        return new Series(tenant, asset, points);
    }
}
