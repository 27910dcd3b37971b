package io.aihub.bench.nab;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A NAB corpus: the series of a data directory laid out as NAB's {@code data/} ({@code <category>/<file>.csv} with
 * columns {@code timestamp,value}), with their windows from a {@code combined_windows.json} and, optionally, their
 * labelled points from a {@code combined_labels.json}, both keyed by {@code category/file.csv}. Series are in the order
 * of their relative paths.
 *
 * <p>Every data file must have an entry in the windows file (an empty list for a file without anomalies) and every entry
 * a data file. NAB itself fails on a windows entry without a data file and skips a data file without an entry with a
 * warning; here both are errors, so that a partial corpus is never scored by mistake.
 */
public record NabCorpus(List<NabSeries> series) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public NabCorpus {
        series = List.copyOf(series);
        long distinct = series.stream().map(NabSeries::relativePath).distinct().count();
        if (distinct != series.size()) {
            throw new IllegalArgumentException("a corpus holds each relative path once");
        }
    }

    /** Loads a corpus without labelled points. */
    public static NabCorpus load(Path dataDir, Path windowsFile) {
        return load(dataDir, windowsFile, null);
    }

    /**
     * Loads the data files under {@code dataDir} with the windows of {@code windowsFile} and, when given, the labelled
     * points of {@code labelsFile}; throws {@link NabFormatException} naming the file on anything missing or malformed.
     */
    public static NabCorpus load(Path dataDir, Path windowsFile, @Nullable Path labelsFile) {
        if (!Files.isDirectory(dataDir)) {
            throw new NabFormatException("NAB data directory " + dataDir + " does not exist or is not a directory");
        }
        Map<String, List<NabWindow>> windows = readWindows(windowsFile);
        Map<String, List<Instant>> labels = labelsFile == null ? Map.of() : readLabels(labelsFile);
        Map<String, Path> dataFiles = dataFiles(dataDir);
        for (String key : windows.keySet()) {
            if (!dataFiles.containsKey(key)) {
                throw new NabFormatException("windows file " + windowsFile + " has an entry for " + key
                        + " but there is no data file " + dataDir.resolve(key));
            }
        }
        for (String key : labels.keySet()) {
            if (!dataFiles.containsKey(key)) {
                throw new NabFormatException("labels file " + labelsFile + " has an entry for " + key
                        + " but there is no data file " + dataDir.resolve(key));
            }
        }
        List<NabSeries> series = new ArrayList<>(dataFiles.size());
        for (Map.Entry<String, Path> file : dataFiles.entrySet()) {
            List<NabWindow> fileWindows = windows.get(file.getKey());
            if (fileWindows == null) {
                throw new NabFormatException("data file " + file.getValue() + " has no entry " + file.getKey()
                        + " in windows file " + windowsFile);
            }
            series.add(readSeries(
                    file.getKey(), file.getValue(), fileWindows, labels.getOrDefault(file.getKey(), List.of())));
        }
        if (series.isEmpty()) {
            throw new NabFormatException("NAB data directory " + dataDir + " holds no <category>/<file>.csv files");
        }
        return new NabCorpus(series);
    }

    public Optional<NabSeries> find(String relativePath) {
        return series.stream()
                .filter(s -> s.relativePath().equals(relativePath))
                .findFirst();
    }

    /** The number of windows over all series: NAB's count of true positives a perfect detector makes. */
    public int windowCount() {
        return series.stream().mapToInt(s -> s.windows().size()).sum();
    }

    /** The number of rows over all series. */
    public long rowCount() {
        return series.stream().mapToLong(NabSeries::size).sum();
    }

    private static Map<String, Path> dataFiles(Path dataDir) {
        Map<String, Path> files = new TreeMap<>();
        try (Stream<Path> categories = Files.list(dataDir)) {
            for (Path category : categories.filter(Files::isDirectory).toList()) {
                try (Stream<Path> csvs = Files.list(category)) {
                    csvs.filter(f -> Files.isRegularFile(f)
                                    && f.getFileName().toString().endsWith(".csv")
                                    && !f.getFileName().toString().startsWith("."))
                            .forEach(f -> files.put(category.getFileName() + "/" + f.getFileName(), f));
                }
            }
        } catch (IOException e) {
            throw new NabFormatException("cannot list NAB data directory " + dataDir, e);
        }
        return files;
    }

    private static Map<String, List<NabWindow>> readWindows(Path windowsFile) {
        JsonNode root = readJsonObject(windowsFile, "windows");
        Map<String, List<NabWindow>> windows = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            if (!entry.getValue().isArray()) {
                throw new NabFormatException(
                        "windows file " + windowsFile + ": entry " + entry.getKey() + " is not a list of windows");
            }
            List<NabWindow> list = new ArrayList<>();
            for (JsonNode pair : entry.getValue()) {
                if (!pair.isArray() || pair.size() != 2) {
                    throw new NabFormatException("windows file " + windowsFile + ": entry " + entry.getKey()
                            + " has a window that is not a [start, end] pair: " + pair);
                }
                try {
                    list.add(new NabWindow(
                            NabTimestamps.parse(pair.get(0).asString()),
                            NabTimestamps.parse(pair.get(1).asString())));
                } catch (DateTimeParseException | IllegalArgumentException | JacksonException e) {
                    throw new NabFormatException(
                            "windows file " + windowsFile + ": entry " + entry.getKey() + " has a bad window " + pair,
                            e);
                }
            }
            windows.put(entry.getKey(), list);
        }
        return windows;
    }

    private static Map<String, List<Instant>> readLabels(Path labelsFile) {
        JsonNode root = readJsonObject(labelsFile, "labels");
        Map<String, List<Instant>> labels = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            List<Instant> list = new ArrayList<>();
            for (JsonNode point : entry.getValue()) {
                try {
                    list.add(Instant.ofEpochMilli(NabTimestamps.parse(point.asString())));
                } catch (DateTimeParseException | JacksonException e) {
                    throw new NabFormatException(
                            "labels file " + labelsFile + ": entry " + entry.getKey() + " has a bad timestamp " + point,
                            e);
                }
            }
            labels.put(entry.getKey(), list);
        }
        return labels;
    }

    private static JsonNode readJsonObject(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new NabFormatException("NAB " + what + " file " + file + " does not exist");
        }
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | JacksonException e) {
            throw new NabFormatException("cannot read NAB " + what + " file " + file, e);
        }
        if (!root.isObject()) {
            throw new NabFormatException(
                    "NAB " + what + " file " + file + " is not a JSON object keyed by category/file.csv");
        }
        return root;
    }

    private static NabSeries readSeries(String key, Path file, List<NabWindow> windows, List<Instant> labels) {
        long[] timestamps = new long[1024];
        double[] values = new double[1024];
        int rows = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null) {
                throw new NabFormatException("data file " + file + " is empty");
            }
            List<String> columns =
                    Arrays.stream(header.split(",", -1)).map(String::strip).toList();
            int timestampColumn = columns.indexOf("timestamp");
            int valueColumn = columns.indexOf("value");
            if (timestampColumn < 0 || valueColumn < 0) {
                throw new NabFormatException(
                        "data file " + file + " has no timestamp and value columns in its header: " + header);
            }
            int lineNumber = 1;
            Iterator<String> lines = reader.lines().iterator();
            while (lines.hasNext()) {
                String line = lines.next();
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (fields.length != columns.size()) {
                    throw new NabFormatException("data file " + file + " line " + lineNumber + " has " + fields.length
                            + " fields, the header " + columns.size());
                }
                if (rows == timestamps.length) {
                    timestamps = Arrays.copyOf(timestamps, rows * 2);
                    values = Arrays.copyOf(values, rows * 2);
                }
                try {
                    timestamps[rows] = NabTimestamps.parse(fields[timestampColumn]);
                    values[rows] = Double.parseDouble(fields[valueColumn].strip());
                } catch (DateTimeParseException | NumberFormatException e) {
                    throw new NabFormatException(
                            "data file " + file + " line " + lineNumber + " is malformed: " + line, e);
                }
                rows++;
            }
        } catch (IOException e) {
            throw new NabFormatException("cannot read NAB data file " + file, e);
        }
        String[] parts = key.split("/", 2);
        try {
            return new NabSeries(
                    parts[0], parts[1], Arrays.copyOf(timestamps, rows), Arrays.copyOf(values, rows), windows, labels);
        } catch (IllegalArgumentException e) {
            throw new NabFormatException("NAB data file " + file + " does not fit its windows: " + e.getMessage(), e);
        }
    }
}
