package io.aihub.topology.registry;

import io.aihub.topology.features.SeriesKey;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A model version's id, {@code {tenant_id}:{model_name}:{version}}, e.g. {@code tenant-123:forecast-lstm:v1.0.0}.
 * Tenant ids follow the telemetry id rules; model names are letters, digits, hyphens and underscores (1-128);
 * versions are {@code vMAJOR.MINOR.PATCH} without leading zeros.
 */
public record ModelId(String tenantId, String modelName, String version) {

    /** Longest model name accepted. */
    public static final int MAX_NAME_LENGTH = 128;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_NAME_LENGTH + "}");
    private static final Pattern VERSION =
            Pattern.compile("v(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})");

    /** Orders versions of one model by their numbers: v1.10.0 after v1.9.0. */
    public static final Comparator<String> VERSION_ORDER = Comparator.comparingLong((String v) -> part(v, 1))
            .thenComparingLong(v -> part(v, 2))
            .thenComparingLong(v -> part(v, 3));

    public ModelId {
        if (!isValidTenant(tenantId) || !isValidName(modelName) || !isValidVersion(version)) {
            throw new IllegalArgumentException("invalid model id " + tenantId + ":" + modelName + ":" + version);
        }
    }

    /** Parses {@code tenant:name:version}; empty if it is not a valid model id. */
    public static Optional<ModelId> parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 3 || !isValidTenant(parts[0]) || !isValidName(parts[1]) || !isValidVersion(parts[2])) {
            return Optional.empty();
        }
        return Optional.of(new ModelId(parts[0], parts[1], parts[2]));
    }

    public static boolean isValidTenant(String tenantId) {
        return SeriesKey.isValidId(tenantId);
    }

    public static boolean isValidName(String modelName) {
        return NAME.matcher(modelName).matches();
    }

    public static boolean isValidVersion(String version) {
        return VERSION.matcher(version).matches();
    }

    /** The key of the model name's record in the registry topic and stores: {@code tenant:name}. */
    public static String familyKey(String tenantId, String modelName) {
        return tenantId + ":" + modelName;
    }

    public String familyKey() {
        return familyKey(tenantId, modelName);
    }

    @Override
    public String toString() {
        return tenantId + ":" + modelName + ":" + version;
    }

    private static long part(String version, int group) {
        var matcher = VERSION.matcher(version);
        return matcher.matches() ? Long.parseLong(matcher.group(group)) : -1;
    }
}
