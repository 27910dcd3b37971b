package io.aihub.bench.forecast;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * One column of a CSV with a header and a timestamp in the first column ({@code yyyy-MM-dd HH:mm:ss}, read as UTC, or
 * an ISO-8601 instant), e.g. the ETT files. Times must be strictly increasing; every value must be a finite number.
 *
 * @param epochMillis the time of each row
 * @param values the target column's value in each row
 */
public record HourlyCsv(long[] epochMillis, double[] values) {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** Reads {@code target} from {@code file}. */
    public static HourlyCsv read(Path file, String target) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ForecastDataException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw new ForecastDataException(file + " is empty", null);
        }
        List<String> header = List.of(lines.getFirst().split(",", -1));
        int column = header.indexOf(target);
        if (column <= 0) {
            throw new ForecastDataException(file + " has no value column '" + target + "'; columns: " + header, null);
        }
        long[] times = new long[lines.size() - 1];
        double[] values = new double[times.length];
        int n = 0;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != header.size()) {
                throw new ForecastDataException(
                        file + " line " + (i + 1) + " has " + cells.length + " cells, the " + "header " + header.size(),
                        null);
            }
            times[n] = parseTime(cells[0].strip(), file, i + 1);
            try {
                values[n] = Double.parseDouble(cells[column].strip());
            } catch (NumberFormatException e) {
                throw new ForecastDataException(
                        file + " line " + (i + 1) + ": '" + cells[column] + "' is not a number", e);
            }
            if (!Double.isFinite(values[n]) || (n > 0 && times[n] <= times[n - 1])) {
                throw new ForecastDataException(
                        file + " line " + (i + 1) + ": values must be finite and times strictly increasing", null);
            }
            n++;
        }
        return new HourlyCsv(Arrays.copyOf(times, n), Arrays.copyOf(values, n));
    }

    static long parseTime(String raw, Path file, int line) {
        try {
            return raw.endsWith("Z")
                    ? Instant.parse(raw).toEpochMilli()
                    : LocalDateTime.parse(raw, LOCAL).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new ForecastDataException(file + " line " + line + ": '" + raw + "' is not a timestamp", e);
        }
    }

    public int size() {
        return values.length;
    }
}
