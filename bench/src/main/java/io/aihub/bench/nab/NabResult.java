package io.aihub.bench.nab;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** A detector's NAB results on a corpus, one per profile, in {@link NabProfile} order. */
public record NabResult(String detector, int seriesCount, int windowCount, List<NabProfileResult> profiles) {

    public NabResult {
        profiles = List.copyOf(profiles);
    }

    public NabProfileResult profile(NabProfile profile) {
        return profiles.stream()
                .filter(p -> p.profile() == profile)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(detector + " was not scored on " + profile));
    }

    public double normalized(NabProfile profile) {
        return profile(profile).normalizedScore();
    }

    /**
     * The fields of the detector's result line: {@code detector}, {@code series}, {@code windows}, the normalised
     * score per profile key ({@code standard}, {@code reward_low_fp}, {@code reward_low_fn}), then {@code threshold},
     * {@code raw}, {@code null} and {@code perfect} objects keyed the same way. Numbers are full precision.
     */
    public Map<String, Object> jsonFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("detector", detector);
        fields.put("series", seriesCount);
        fields.put("windows", windowCount);
        Map<NabProfile, NabProfileResult> byProfile = new EnumMap<>(NabProfile.class);
        profiles.forEach(p -> byProfile.put(p.profile(), p));
        byProfile.forEach((profile, result) -> fields.put(profile.key(), result.normalizedScore()));
        fields.put("threshold", perProfile(byProfile, NabProfileResult::threshold));
        fields.put("raw", perProfile(byProfile, NabProfileResult::rawScore));
        fields.put("null", perProfile(byProfile, NabProfileResult::nullScore));
        fields.put("perfect", perProfile(byProfile, NabProfileResult::perfectScore));
        return fields;
    }

    private static Map<String, Double> perProfile(
            Map<NabProfile, NabProfileResult> byProfile, ToDoubleFunction<NabProfileResult> field) {
        Map<String, Double> values = new LinkedHashMap<>();
        byProfile.forEach((profile, result) -> values.put(profile.key(), field.applyAsDouble(result)));
        return values;
    }
}
