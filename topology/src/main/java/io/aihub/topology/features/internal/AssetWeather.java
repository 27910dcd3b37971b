package io.aihub.topology.features.internal;

/** The in-heap weather state of one asset: its weather watermark and its latest observation. */
public final class AssetWeather {

    private final byte[] storePrefix;
    private long watermark;
    private long latestTimestamp;
    private double[] latest;
    private long lastPurge = Long.MIN_VALUE;

    public AssetWeather(byte[] storePrefix, long watermark, long latestTimestamp, double[] latest) {
        this.storePrefix = storePrefix;
        this.watermark = watermark;
        this.latestTimestamp = latestTimestamp;
        this.latest = latest;
    }

    public byte[] storePrefix() {
        return storePrefix;
    }

    /** Largest accepted observation timestamp, Long.MIN_VALUE if none. */
    public long watermark() {
        return watermark;
    }

    public long latestTimestamp() {
        return latestTimestamp;
    }

    public double[] latest() {
        return latest;
    }

    public long lastPurge() {
        return lastPurge;
    }

    public void purgedAt(long watermarkAtPurge) {
        lastPurge = watermarkAtPurge;
    }

    /** Records an accepted observation. */
    public void accept(long timestamp, double[] fields) {
        if (timestamp >= latestTimestamp) {
            latestTimestamp = timestamp;
            latest = fields;
        }
        if (timestamp > watermark) {
            watermark = timestamp;
        }
    }
}
