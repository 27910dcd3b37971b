package io.aihub.topology.maintenance.internal;

import io.aihub.schemas.AlarmEvent;
import io.aihub.schemas.AssetEvent;
import io.aihub.schemas.WorkOrderEvent;
import io.aihub.topology.internal.SingleObjectCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.utils.Bytes;

/** Value codecs and keys of the maintenance stores (layout: {@code MaintenanceStores}). */
public final class MaintenanceCodecs {

    public static final SingleObjectCodec<AssetEvent> ASSET =
            new SingleObjectCodec<>(AssetEvent.getEncoder(), AssetEvent.getDecoder(), "an asset event");
    public static final SingleObjectCodec<WorkOrderEvent> WORK_ORDER =
            new SingleObjectCodec<>(WorkOrderEvent.getEncoder(), WorkOrderEvent.getDecoder(), "a work order event");
    public static final SingleObjectCodec<AlarmEvent> ALARM =
            new SingleObjectCodec<>(AlarmEvent.getEncoder(), AlarmEvent.getDecoder(), "an alarm event");

    private MaintenanceCodecs() {}

    /** The asset prefix followed by the UTF-8 id of a work order or alarm. */
    public static Bytes child(byte[] assetPrefix, String id) {
        byte[] b = id.getBytes(StandardCharsets.UTF_8);
        byte[] key = Arrays.copyOf(assetPrefix, assetPrefix.length + b.length);
        System.arraycopy(b, 0, key, assetPrefix.length, b.length);
        return Bytes.wrap(key);
    }

    /** The length-prefixed tenant: the first bytes of every key of the tenant's assets. */
    public static byte[] tenantPrefix(String tenantId) {
        byte[] t = tenantId.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[t.length + 1];
        out[0] = (byte) t.length;
        System.arraycopy(t, 0, out, 1, t.length);
        return out;
    }

    /** The asset id of a key that starts with an asset prefix. */
    public static String assetOf(byte[] key) {
        int t = key[0] & 0xFF;
        int a = key[1 + t] & 0xFF;
        return new String(key, 2 + t, a, StandardCharsets.UTF_8);
    }

    /** The length of the asset prefix a key starts with. */
    public static int assetPrefixLength(byte[] key) {
        int t = key[0] & 0xFF;
        return 2 + t + (key[1 + t] & 0xFF);
    }
}
