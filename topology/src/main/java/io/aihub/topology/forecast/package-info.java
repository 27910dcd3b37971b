/**
 * Forecasters: p10/p50/p90 for the steps of a horizon, computed only from the history at or before the issue time.
 *
 * <p>{@link io.aihub.topology.forecast.QuantileGbmForecaster} is the trained model (direct multi-horizon quantile
 * gradient boosting, conformally calibrated); {@link io.aihub.topology.forecast.SeasonalBaselineForecaster} needs no
 * training and serves until a model is promoted; {@link io.aihub.topology.forecast.SeasonalNaiveForecaster} is the
 * reference every accuracy figure is compared with. See {@code topology/FORECAST.md}.
 */
@NullMarked
package io.aihub.topology.forecast;

import org.jspecify.annotations.NullMarked;
