package io.aihub.bench;

import io.aihub.bench.forecast.AccuracyScore;
import io.aihub.bench.forecast.ForecastCsvWriter;
import io.aihub.bench.forecast.HourlyCsv;
import io.aihub.bench.forecast.RollingOrigin;
import io.aihub.bench.internal.Console;
import io.aihub.bench.internal.Flags;
import io.aihub.topology.forecast.ForecastAccuracy;
import io.aihub.topology.forecast.ForecastRequest;
import io.aihub.topology.forecast.ForecastTrainingSettings;
import io.aihub.topology.forecast.ForecastType;
import io.aihub.topology.forecast.ForecastValidationException;
import io.aihub.topology.forecast.Forecaster;
import io.aihub.topology.forecast.History;
import io.aihub.topology.forecast.QuantileGbmForecaster;
import io.aihub.topology.forecast.SeasonalBaselineForecaster;
import io.aihub.topology.forecast.SeasonalNaiveForecaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./aihub bench forecast}: a rolling-origin evaluation of the product's forecasters on one column of an hourly
 * CSV. Trains {@link QuantileGbmForecaster} (default settings, the one configuration) on the first {@code
 * --train-months}, then over the following {@code --test-months} issues a {@code --horizon}-step hourly forecast every
 * {@code --every-hours} with it, with the {@link SeasonalBaselineForecaster} and with the {@link
 * SeasonalNaiveForecaster}. Prints one JSON line per model (MAE, RMSE, MASE, p10-p90 coverage, latency) and writes
 * every forecast point to CSV (topology/FORECAST.md).
 */
public final class ForecastBench {

    private ForecastBench() {}

    public static void main(String[] args) {
        Console.runAndExit("forecast", args, ForecastBench::run);
    }

    private static int run(Flags flags) {
        String csv = flags.optional("csv", "the hourly CSV: a header, the timestamp first (required)");
        String target = flags.optional("target", "the column to forecast (required)");
        String out = flags.string(
                "out",
                "bench/target/forecast.csv",
                "CSV of our model's forecasts; the baselines' go next to it (<name>.seasonal_baseline.csv, ...)");
        int trainMonths = flags.positive("train-months", 12, "months of data the model trains on");
        int testMonths = flags.positive("test-months", 4, "months after training over which forecasts are issued");
        int horizon = flags.positive("horizon", 24, "hours ahead of each forecast, hourly steps (1-168)");
        int every = flags.positive("every-hours", 24, "hours between two issue times");
        String type = flags.string("type", "load", "forecast type: load, generation or price");
        if (flags.helpRequested()) {
            System.err.print(flags.usage());
            return 0;
        }
        flags.rejectUnknown();
        if (csv.isEmpty() || target.isEmpty()) {
            throw new Flags.UsageException("--csv and --target are required\n" + flags.usage());
        }
        ForecastType forecastType;
        try {
            forecastType = new ForecastRequest(ForecastType.of(type), Instant.EPOCH, horizon, 60).type();
        } catch (ForecastValidationException e) {
            throw new Flags.UsageException("--horizon / --type: " + e.getMessage());
        }
        HourlyCsv data = HourlyCsv.read(Path.of(csv), target);
        Instant start = Instant.ofEpochMilli(data.epochMillis()[0]);
        Instant trainEnd =
                start.atOffset(ZoneOffset.UTC).plusMonths(trainMonths).toInstant();
        Instant testEnd = start.atOffset(ZoneOffset.UTC)
                .plusMonths((long) trainMonths + testMonths)
                .toInstant();
        int trainRows = lowerBound(data.epochMillis(), trainEnd.toEpochMilli());
        int usedRows = lowerBound(data.epochMillis(), testEnd.toEpochMilli());
        if (trainRows < 2 || usedRows == trainRows) {
            throw new Flags.UsageException(csv + " holds no data after the " + trainMonths + " training months");
        }
        History training =
                History.of(Arrays.copyOf(data.epochMillis(), trainRows), Arrays.copyOf(data.values(), trainRows));
        History evaluated =
                History.of(Arrays.copyOf(data.epochMillis(), usedRows), Arrays.copyOf(data.values(), usedRows));
        double scale = AccuracyScore.seasonalNaiveScale(data.epochMillis(), data.values(), trainRows);
        Console.progress(
                "%s %s: %d training rows from %s, %d evaluation rows until %s; MASE scale %.4f",
                csv, target, trainRows, start, usedRows - trainRows, testEnd, scale);

        ForecastTrainingSettings settings = ForecastTrainingSettings.defaults();
        QuantileGbmForecaster ours = QuantileGbmForecaster.train(training, settings);
        QuantileGbmForecaster.TrainingReport report = ours.report().orElseThrow();
        Console.progress(
                "trained %s in %.1f s: %s", ours.name(), report.elapsed().toNanos() / 1e9, report);

        Instant firstIssue = Instant.ofEpochMilli(data.epochMillis()[trainRows - 1]);
        Instant lastTarget = Instant.ofEpochMilli(data.epochMillis()[usedRows - 1]);
        RollingOrigin evaluation =
                RollingOrigin.every(firstIssue, Duration.ofHours(every), lastTarget, forecastType, horizon, 60);
        Path ourFile = Path.of(out);
        List<Forecaster> models = List.of(ours, new SeasonalBaselineForecaster(), new SeasonalNaiveForecaster());
        for (Forecaster model : models) {
            Path file = model == ours ? ourFile : sibling(ourFile, model.name());
            RollingOrigin.Outcome outcome;
            try (var writer = new ForecastCsvWriter(Files.newBufferedWriter(mkdirs(file), StandardCharsets.UTF_8))) {
                outcome = evaluation.run(model, evaluated, writer);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
            ForecastAccuracy score = outcome.score();
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("bench", "forecast");
            fields.put("csv", Path.of(csv).getFileName().toString());
            fields.put("target", target);
            fields.put("model", model.name());
            fields.put("mae", Console.round3(score.mae()));
            fields.put("rmse", Console.round3(score.rmse()));
            fields.put("mase", Console.round3(score.mae() / scale));
            fields.put("coverage_p10_p90", Console.round3(score.coverage()));
            fields.put("forecasts", outcome.forecasts());
            fields.put("points", score.count());
            fields.put("missing_actuals", outcome.missingActuals());
            fields.put("horizon_h", horizon);
            fields.put("every_h", every);
            fields.put("first_issue", firstIssue.toString());
            fields.put("mase_scale", Console.round3(scale));
            fields.put("ms_per_forecast", Console.round3(outcome.msPerForecast()));
            if (model == ours) {
                fields.put("train_s", Console.round3(report.elapsed().toNanos() / 1e9));
                fields.put("training_rows", report.trainingRows());
                fields.put("calibration_rows", report.calibrationRows());
                fields.put("held_back_raw_coverage", Console.round3(report.heldBackCoverageBeforeCalibration()));
            }
            fields.put("out", file.toString());
            Console.result(fields);
        }
        return 0;
    }

    /** {@code forecast.csv} -> {@code forecast.seasonal_naive.csv}. */
    static Path sibling(Path file, String model) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return file.resolveSibling(stem + "." + model + ".csv");
    }

    private static Path mkdirs(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return file;
    }

    private static int lowerBound(long[] sorted, long key) {
        int i = Arrays.binarySearch(sorted, key);
        return i >= 0 ? i : -i - 1;
    }
}
