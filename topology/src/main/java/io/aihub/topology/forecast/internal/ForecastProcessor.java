package io.aihub.topology.forecast.internal;

import io.aihub.schemas.FeatureVector;
import io.aihub.schemas.ForecastEvent;
import io.aihub.topology.catalog.ForecastPolicy;
import io.aihub.topology.features.FeatureStores;
import io.aihub.topology.features.SeriesKey;
import io.aihub.topology.forecast.ForecastEvents;
import io.aihub.topology.forecast.ForecastRequest;
import io.aihub.topology.forecast.ForecastStores;
import io.aihub.topology.forecast.ForecastValidationException;
import io.aihub.topology.forecast.Forecaster;
import io.aihub.topology.forecast.History;
import io.aihub.topology.forecast.QuantileGbmForecaster;
import io.aihub.topology.forecast.StoredHistory;
import io.aihub.topology.models.QuantileForecastModel;
import io.aihub.topology.registry.ModelRegistryStores;
import io.aihub.topology.registry.ProductionModels;
import io.aihub.topology.registry.ProductionModels.ProductionModel;
import io.aihub.topology.registry.TaskModels;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * Issues a forecast per series when an event-time hour closes: the first reading of a series in a later hour than
 * its last forecast issues one at the start of that hour, from the series' readings in {@code [issue - lookback,
 * issue)} (so never from the reading that closed the hour), keeps it in {@link ForecastStores#FORECASTS} and forwards
 * it. A series whose history is too short for the forecaster (the seasonal baseline needs 24 h) gets none for that
 * hour; a late reading (in an hour already forecast) issues nothing. The forecaster is the series' production
 * forecast model when one applies (see {@link #issue}), else the baseline.
 */
public final class ForecastProcessor implements Processor<Object, Object, Object, Object> {

    private static final long HOUR = 3_600_000L;
    /** Series whose last tried hour is held in heap; beyond, the store's latest forecast tells. */
    private static final int MAX_HELD_SERIES = 100_000;

    private final ForecastPolicy policy;
    private final Forecaster baseline;
    private final TaskModels models;
    private final Duration lookback;
    private final String sink;
    private final Map<Bytes, Long> triedHour = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Bytes, Long> eldest) {
            return size() > MAX_HELD_SERIES;
        }
    };
    private @Nullable Task task;

    /**
     * @param baseline the forecaster of series without a usable production model
     * @param models the registry's production models: a series' most specific applicable {@code quantile_gbm}
     *     forecast model forecasts it when its history covers the model's needs
     */
    public ForecastProcessor(
            ForecastPolicy policy, Forecaster baseline, ProductionModels models, Duration lookback, String sink) {
        if (lookback.isNegative() || lookback.isZero()) {
            throw new IllegalArgumentException("lookback must be positive, was " + lookback);
        }
        this.policy = policy;
        this.baseline = baseline;
        this.models = new TaskModels(models, ProductionModels::forecastModels, "in-stream forecasts");
        this.lookback = lookback;
        this.sink = sink;
    }

    /** What {@link #init} gets from its task: the context and the two stores. */
    private record Task(
            ProcessorContext<Object, Object> context,
            KeyValueStore<Bytes, byte[]> readings,
            KeyValueStore<Bytes, byte[]> forecasts) {}

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        triedHour.clear();
        models.init(context.getStateStore(ModelRegistryStores.REGISTRY));
        task = new Task(
                context,
                context.getStateStore(FeatureStores.READINGS),
                context.getStateStore(ForecastStores.FORECASTS));
    }

    @Override
    public void process(Record<Object, Object> record) {
        if (!(record.value() instanceof FeatureVector vector)) {
            return;
        }
        ForecastPolicy.Resolved rule = policy.resolve(vector.getTenantId(), vector.getAssetId());
        if (!rule.enabled()) {
            return;
        }
        var series = new SeriesKey(vector.getTenantId(), vector.getAssetId(), vector.getMetric());
        long hourStart = Math.floorDiv(vector.getTimestamp().toEpochMilli(), HOUR) * HOUR;
        Task task = Objects.requireNonNull(this.task);
        Bytes key = ForecastStores.key(series);
        if (hourStart <= lastTried(task.forecasts(), key)) {
            return;
        }
        triedHour.put(key, hourStart);
        Instant issue = Instant.ofEpochMilli(hourStart);
        // every forecaster here needs at least the baseline's history: without a reading at or before issue - that,
        // none can forecast, and one seek tells (reading the whole range for nothing, for every series at every hour
        // until it has a day of history, once stalled the stream for a noticeable time at each hour boundary)
        if (!StoredHistory.any(task.readings(), series, issue.minus(lookback), issue.minus(baseline.minHistory()))) {
            return;
        }
        History history = StoredHistory.read(task.readings(), series, issue.minus(lookback), issue);
        if (history.size() == 0) {
            return;
        }
        var request = new ForecastRequest(rule.type(), issue, rule.horizonHours(), rule.intervalMinutes());
        ForecastEvent event = issue(series, history, request, task.context().currentSystemTimeMs());
        if (event == null) {
            return; // not enough history before this hour yet: the next hour tries again
        }
        task.forecasts().put(key, ForecastStores.encode(event));
        task.context().forward(new Record<Object, Object>(series.partitionKey(), event, record.timestamp()), sink);
    }

    /**
     * The forecast by the series' production model if one applies, loads and has the history it needs, else by the
     * baseline; null if the baseline has too little history too.
     */
    private @Nullable ForecastEvent issue(SeriesKey series, History history, ForecastRequest request, long now) {
        for (ProductionModel model : models.of(series.tenantId())) {
            if (model.appliesTo(series.assetId(), series.metric())
                    && models.load(model, now) instanceof QuantileForecastModel trained
                    && QuantileGbmForecaster.accepts(trained)) {
                try {
                    return ForecastEvents.of(
                            series,
                            request,
                            model.id().modelName(),
                            model.id().version(),
                            QuantileGbmForecaster.of(trained).forecast(history, request),
                            QuantileGbmForecaster.FEATURES,
                            ProductionModels.numericMetrics(model.version()));
                } catch (ForecastValidationException tooShort) {
                    break; // the model needs 168 h before the issue time: the baseline serves meanwhile
                }
            }
        }
        try {
            return ForecastEvents.of(
                    series,
                    request,
                    baseline.name(),
                    ForecastEvents.BUILTIN_VERSION,
                    baseline.forecast(history, request),
                    ForecastEvents.BASELINE_FEATURES,
                    null);
        } catch (ForecastValidationException tooShort) {
            return null;
        }
    }

    /** The start of the last hour this series was tried for: held in heap, else its stored forecast's issue time. */
    private long lastTried(KeyValueStore<Bytes, byte[]> forecasts, Bytes key) {
        Long held = triedHour.get(key);
        if (held != null) {
            return held;
        }
        byte[] stored = forecasts.get(key);
        return stored == null
                ? Long.MIN_VALUE
                : ForecastStores.decode(stored).getIssuedAt().toEpochMilli();
    }
}
