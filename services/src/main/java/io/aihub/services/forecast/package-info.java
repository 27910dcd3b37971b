/**
 * Forecasts over REST: {@code POST /ai/forecast} (from posted history, or from the stream's latest forecast or the
 * readings store of the owning instance) and the live stream of in-stream forecasts.
 */
@NullMarked
package io.aihub.services.forecast;

import org.jspecify.annotations.NullMarked;
