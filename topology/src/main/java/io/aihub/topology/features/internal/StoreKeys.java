package io.aihub.topology.features.internal;

import io.aihub.topology.features.SeriesKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.utils.Bytes;

/**
 * Store key and value encodings. A series prefix is the length-prefixed (one unsigned byte) UTF-8 tenant, asset and
 * metric; an asset prefix the same without the metric. Reading and weather keys append the 8-byte big-endian
 * timestamp (never negative, so byte order = time order and one series is one contiguous key range). The SERIES
 * store holds the watermark (8 bytes) under the series prefix, and the weather watermark of an asset under the asset
 * prefix followed by one zero byte (a metric is never empty, so the keys cannot collide).
 */
public final class StoreKeys {

    private StoreKeys() {}

    public static byte[] seriesPrefix(SeriesKey key) {
        return prefix(key.tenantId(), key.assetId(), key.metric());
    }

    public static byte[] assetPrefix(String tenantId, String assetId) {
        return prefix(tenantId, assetId, null);
    }

    public static Bytes assetWatermarkKey(byte[] assetPrefix) {
        return Bytes.wrap(Arrays.copyOf(assetPrefix, assetPrefix.length + 1));
    }

    public static Bytes timed(byte[] prefix, long timestamp) {
        byte[] out = Arrays.copyOf(prefix, prefix.length + 8);
        putLong(out, prefix.length, timestamp);
        return Bytes.wrap(out);
    }

    public static long timestampOf(byte[] key) {
        return getLong(key, key.length - 8);
    }

    public static byte[] longBytes(long v) {
        byte[] out = new byte[8];
        putLong(out, 0, v);
        return out;
    }

    public static long toLong(byte[] bytes) {
        return getLong(bytes, 0);
    }

    public static byte[] doubleBytes(double v) {
        return longBytes(Double.doubleToRawLongBits(v));
    }

    public static double toDouble(byte[] bytes) {
        return Double.longBitsToDouble(getLong(bytes, 0));
    }

    private static byte[] prefix(String tenant, String asset, String metric) {
        byte[] t = tenant.getBytes(StandardCharsets.UTF_8);
        byte[] a = asset.getBytes(StandardCharsets.UTF_8);
        byte[] m = metric == null ? new byte[0] : metric.getBytes(StandardCharsets.UTF_8);
        int parts = metric == null ? 2 : 3;
        if (t.length > 255 || a.length > 255 || m.length > 255) {
            throw new IllegalArgumentException("ids longer than 255 bytes cannot be stored");
        }
        byte[] out = new byte[parts + t.length + a.length + m.length];
        int p = 0;
        out[p++] = (byte) t.length;
        System.arraycopy(t, 0, out, p, t.length);
        p += t.length;
        out[p++] = (byte) a.length;
        System.arraycopy(a, 0, out, p, a.length);
        p += a.length;
        if (metric != null) {
            out[p++] = (byte) m.length;
            System.arraycopy(m, 0, out, p, m.length);
        }
        return out;
    }

    private static void putLong(byte[] out, int offset, long v) {
        for (int i = 7; i >= 0; i--) {
            out[offset + i] = (byte) v;
            v >>>= 8;
        }
    }

    private static long getLong(byte[] in, int offset) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (in[offset + i] & 0xFF);
        }
        return v;
    }
}
