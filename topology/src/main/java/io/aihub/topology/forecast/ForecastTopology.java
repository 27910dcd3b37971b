package io.aihub.topology.forecast;

import io.aihub.topology.Topics;
import io.aihub.topology.catalog.ForecastPolicy;
import io.aihub.topology.features.FeatureStores;
import io.aihub.topology.forecast.internal.ForecastProcessor;
import io.aihub.topology.registry.ProductionModels;
import java.time.Duration;
import org.apache.kafka.streams.Topology;

/**
 * In-stream forecasting: {@link #PROCESSOR}, a child of the feature processor (it sees each feature vector as it is
 * made and reads the feature topology's readings store), issues a {@code ForecastEvent} per series when an event-time
 * hour closes, for the series the catalog's {@link ForecastPolicy} enables, keeps each series' latest in {@link
 * ForecastStores#FORECASTS} and sends it to the {@code forecasts} topic.
 *
 * <p>A series is forecast by its tenant's most specific production forecast model whose scope (metadata {@code
 * asset_id}, {@code metric}) covers it and which is a {@link QuantileGbmForecaster}'s calibrated model, when the series
 * has the 168 h of history it needs; else by the {@link SeasonalBaselineForecaster} (no training). A promote reaches
 * the next hour's forecasts without a restart.
 */
public final class ForecastTopology {

    public static final String PROCESSOR = "aihub-forecast-processor";
    public static final String FORECASTS_SINK = "aihub-forecasts-sink";

    private ForecastTopology() {}

    /**
     * Adds the forecast processor and its sink under {@code parent}, which must forward every feature vector to {@link
     * #PROCESSOR} and own {@link FeatureStores#READINGS}.
     *
     * @param lookback how much history before the issue time a forecast reads (at most what the readings store keeps)
     */
    public static Topology addTo(
            Topology topology,
            Topics topics,
            String parent,
            ForecastPolicy policy,
            ProductionModels models,
            Duration lookback) {
        var baseline = new SeasonalBaselineForecaster();
        topology.addProcessor(
                PROCESSOR, () -> new ForecastProcessor(policy, baseline, models, lookback, FORECASTS_SINK), parent);
        topology.addStateStore(ForecastStores.forecasts(), PROCESSOR);
        topology.connectProcessorAndStateStores(PROCESSOR, FeatureStores.READINGS);
        topics.forecasts().addSinkTo(topology, FORECASTS_SINK, PROCESSOR);
        return topology;
    }
}
