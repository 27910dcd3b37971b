package io.aihub.services.ingest;

import org.jspecify.annotations.Nullable;

/** One observation as posted to {@code /ingest/weather}. */
record WeatherIn(
        @Nullable String tenantId,
        @Nullable String assetId,
        @Nullable String siteId,
        @Nullable Object timestamp,
        @Nullable Double temperature,
        @Nullable Double humidity,
        @Nullable Double solarIrradiance,
        @Nullable Double windSpeed,
        @Nullable Double cloudCover,
        @Nullable Double precipitation) {}
