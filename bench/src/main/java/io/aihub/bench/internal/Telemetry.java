package io.aihub.bench.internal;

import io.aihub.schemas.TelemetryReading;
import io.aihub.topology.features.SeriesKey;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Plausible meter readings: each asset has its own base load (5-500 kW), a daily cycle of +-30 % peaking in the
 * afternoon, and a few percent of noise. Deterministic for a seed.
 */
public final class Telemetry {

    public static final String TENANT = "bench";
    public static final String METRIC = "value";

    private final String[] assetIds;
    private final String[] keys;
    private final double[] base;
    private final SplittableRandom random;

    public Telemetry(int assets, long seed) {
        this.assetIds = new String[assets];
        this.keys = new String[assets];
        this.base = new double[assets];
        this.random = new SplittableRandom(seed);
        for (int i = 0; i < assets; i++) {
            assetIds[i] = "asset-%06d".formatted(i);
            keys[i] = SeriesKey.partitionKey(TENANT, assetIds[i]);
            base[i] = 5 + random.nextDouble() * 495;
        }
    }

    public int assets() {
        return assetIds.length;
    }

    public String assetId(int asset) {
        return assetIds[asset];
    }

    /** The record key of the asset's readings ({@code tenant:asset}). */
    public String key(int asset) {
        return keys[asset];
    }

    /** A reading of {@code asset} at {@code eventTime} (epoch ms). Not thread-safe. */
    public TelemetryReading reading(int asset, long eventTime) {
        double hourOfDay = (eventTime % 86_400_000L) / 3_600_000.0;
        double daily = 1 + 0.3 * Math.sin(2 * Math.PI * (hourOfDay - 9) / 24);
        double noise = 1 + 0.03 * random.nextGaussian();
        double value = Math.round(base[asset] * daily * noise * 1000.0) / 1000.0;
        return new TelemetryReading(TENANT, assetIds[asset], METRIC, Instant.ofEpochMilli(eventTime), value, 1, "kW");
    }
}
