package io.aihub.services.forecast;

import io.aihub.schemas.ForecastEvent;
import io.aihub.services.api.FieldViolation;
import io.aihub.services.api.NotFoundException;
import io.aihub.services.api.RequestRejectedException;
import io.aihub.services.query.InteractiveQueries;
import io.aihub.services.registry.RegisteredModels;
import io.aihub.topology.features.FeatureSettings;
import io.aihub.topology.features.FeatureStores;
import io.aihub.topology.features.SeriesKey;
import io.aihub.topology.forecast.ForecastEvents;
import io.aihub.topology.forecast.ForecastRequest;
import io.aihub.topology.forecast.ForecastStores;
import io.aihub.topology.forecast.ForecastValidationException;
import io.aihub.topology.forecast.Forecaster;
import io.aihub.topology.forecast.History;
import io.aihub.topology.forecast.QuantileGbmForecaster;
import io.aihub.topology.forecast.SeasonalBaselineForecaster;
import io.aihub.topology.forecast.SeasonalNaiveForecaster;
import io.aihub.topology.forecast.StoredHistory;
import io.aihub.topology.registry.ProductionModels;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Computes {@code POST /ai/forecast} answers: from posted history, or from the stores of the instance that owns the
 * asset (the stream's latest forecast when it covers the request, else one computed now from the readings store).
 */
@Service
class ForecastService {

    /** The metric a forecast of posted history is reported under (only its id depends on it). */
    static final String POSTED_METRIC = "value";

    private static final String[] STORES = {ForecastStores.FORECASTS, FeatureStores.READINGS, FeatureStores.SERIES};

    private static final Forecaster BASELINE = new SeasonalBaselineForecaster();

    private final InteractiveQueries queries;
    private final FeatureSettings settings;
    private final RegisteredModels models;
    private final Clock clock = Clock.systemUTC();

    ForecastService(InteractiveQueries queries, FeatureSettings settings, RegisteredModels models) {
        this.queries = queries;
        this.settings = settings;
        this.models = models;
    }

    /**
     * A forecaster as a forecast reports it.
     *
     * @param metrics the registered model's training metrics; null for built-in forecasters
     * @param implicit whether it was not asked for by name (the series' production model): too little history for it
     *     falls back to the seasonal baseline instead of failing
     */
    private record Chosen(
            Forecaster forecaster,
            String name,
            String version,
            List<String> features,
            @Nullable Map<String, Double> metrics,
            boolean implicit) {

        static Chosen builtIn(Forecaster forecaster) {
            List<String> features = forecaster.name().equals(SeasonalNaiveForecaster.NAME)
                    ? List.of("same_hour_last_day", "changes_24h_28d")
                    : ForecastEvents.BASELINE_FEATURES;
            return new Chosen(forecaster, forecaster.name(), ForecastEvents.BUILTIN_VERSION, features, null, false);
        }

        static Chosen registered(RegisteredModels.Registered model, Forecaster forecaster, boolean implicit) {
            return new Chosen(
                    forecaster,
                    model.id().modelName(),
                    model.id().version(),
                    QuantileGbmForecaster.FEATURES,
                    ProductionModels.numericMetrics(model.version()),
                    implicit);
        }
    }

    /**
     * The forecaster {@code model_name} names; without one, for a series of the stream, the production model the
     * stream would use, else the seasonal baseline.
     */
    private Chosen choose(ForecastQuery query, @Nullable SeriesKey streamSeries) {
        if (query.builtIn() != null) {
            return Chosen.builtIn(query.builtIn());
        }
        if (query.registeredModel() != null) {
            RegisteredModels.Registered model = models.resolve(query.tenantId(), query.registeredModel(), null);
            return Chosen.registered(model, models.forecaster(model), false);
        }
        if (streamSeries != null) {
            var production =
                    models.productionForecaster(streamSeries.tenantId(), streamSeries.assetId(), streamSeries.metric());
            if (production.isPresent()) {
                return Chosen.registered(
                        production.get().model(), production.get().forecaster(), true);
            }
        }
        return Chosen.builtIn(BASELINE);
    }

    /** A forecast of the posted history, issued at its last timestamp. */
    ForecastResponse fromHistory(ForecastQuery query, History history) {
        var series = new SeriesKey(
                query.tenantId(), query.assetId(), query.metric() == null ? POSTED_METRIC : query.metric());
        return compute(
                query, series, history, Instant.ofEpochMilli(history.time(history.size() - 1)), choose(query, null));
    }

    /** The answer from the local stores of {@code partition}, which must own the query's asset. */
    ForecastResponse fromState(int partition, ForecastQuery query) {
        return queries.queryLocal(partition, STORES, stores -> fromStores(stores[0], stores[1], stores[2], query));
    }

    private ForecastResponse fromStores(
            ReadOnlyKeyValueStore<Bytes, byte[]> forecasts,
            ReadOnlyKeyValueStore<Bytes, byte[]> readings,
            ReadOnlyKeyValueStore<Bytes, byte[]> seriesStore,
            ForecastQuery query) {
        ForecastEvent latest = ForecastStores.ofAsset(forecasts, query.tenantId(), query.assetId()).stream()
                .filter(e -> query.metric() == null || e.getMetric().equals(query.metric()))
                .max(Comparator.comparing(ForecastEvent::getIssuedAt))
                .orElse(null);
        if (latest != null && covers(latest, query) && answersTheModelAsked(latest, query)) {
            return ForecastResponse.of(
                    latest,
                    query.request(latest.getIssuedAt()).steps(),
                    query.includeQuantiles(),
                    clock.instant(),
                    null);
        }
        String metric = query.metric() != null
                ? query.metric()
                : latest != null
                        ? latest.getMetric()
                        : StoredHistory.metrics(seriesStore, query.tenantId(), query.assetId()).stream()
                                .findFirst()
                                .orElse(null);
        var series = metric == null ? null : new SeriesKey(query.tenantId(), query.assetId(), metric);
        Instant watermark = series == null ? null : StoredHistory.watermark(seriesStore, series);
        if (series == null || watermark == null) {
            throw new NotFoundException(
                    "Series not found",
                    "no readings for tenant '" + query.tenantId() + "', asset '" + query.assetId() + "'"
                            + (query.metric() == null ? "" : ", metric '" + query.metric() + "'")
                            + "; post historical_data to forecast a series the stream does not hold");
        }
        History history =
                StoredHistory.read(readings, series, watermark.minus(settings.retention()), watermark.plusMillis(1));
        return compute(query, series, history, watermark, choose(query, series));
    }

    /** Whether the stream's forecast is by the model the query names, if it names one. */
    private static boolean answersTheModelAsked(ForecastEvent event, ForecastQuery query) {
        String asked = query.builtIn() != null ? query.builtIn().name() : query.registeredModel();
        return asked == null || asked.equals(event.getModelName());
    }

    /** Whether the stream's forecast answers the query: same type and interval, at least as long a horizon. */
    private static boolean covers(ForecastEvent event, ForecastQuery query) {
        return event.getForecastType().name().equals(query.type().id())
                && event.getIntervalMinutes() == query.intervalMinutes()
                && event.getHorizonHours() >= query.horizonHours();
    }

    private ForecastResponse compute(
            ForecastQuery query, SeriesKey series, History history, Instant issue, Chosen chosen) {
        ForecastRequest request = query.request(issue);
        try {
            ForecastEvent event = ForecastEvents.of(
                    series,
                    request,
                    chosen.name(),
                    chosen.version(),
                    chosen.forecaster().forecast(history, request),
                    chosen.features(),
                    chosen.metrics());
            return ForecastResponse.of(
                    event, request.steps(), query.includeQuantiles(), clock.instant(), history.size());
        } catch (ForecastValidationException e) {
            if (chosen.implicit()) {
                return compute(query, series, history, issue, Chosen.builtIn(BASELINE));
            }
            throw new RequestRejectedException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "Not enough history to forecast",
                    List.of(new FieldViolation(
                            e.field(), e.getMessage().substring(e.field().length() + 2))));
        }
    }
}
