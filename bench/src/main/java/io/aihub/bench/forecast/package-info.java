/**
 * The forecast accuracy harness ({@code ./aihub bench forecast}): an hourly CSV ({@link
 * io.aihub.bench.forecast.HourlyCsv}), a rolling-origin evaluation through the product's forecasters ({@link
 * io.aihub.bench.forecast.RollingOrigin}), the MASE scale ({@link io.aihub.bench.forecast.AccuracyScore}) and the
 * per-forecast CSV ({@link io.aihub.bench.forecast.ForecastCsvWriter}). See {@code topology/FORECAST.md}.
 */
@NullMarked
package io.aihub.bench.forecast;

import org.jspecify.annotations.NullMarked;
