package io.aihub.bench.nab;

/**
 * NAB's three application profiles, with the weights of NAB's {@code config/profiles.json}. NAB also lists a
 * {@code tnWeight} of 1.0 for each profile, which none of its scoring code reads (true negatives score 0), so it is left
 * out here.
 */
public enum NabProfile {
    /** {@code standard}: tp 1.0, fp 0.11, fn 1.0. */
    STANDARD("standard", "standard", 1.0, 0.11, 1.0),
    /** {@code reward_low_FP_rate}: tp 1.0, fp 0.22, fn 1.0. */
    REWARD_LOW_FP("reward_low_fp", "reward_low_FP_rate", 1.0, 0.22, 1.0),
    /** {@code reward_low_FN_rate}: tp 1.0, fp 0.11, fn 2.0. */
    REWARD_LOW_FN("reward_low_fn", "reward_low_FN_rate", 1.0, 0.11, 2.0);

    private final String key;
    private final String nabName;
    private final double tpWeight;
    private final double fpWeight;
    private final double fnWeight;

    NabProfile(String key, String nabName, double tpWeight, double fpWeight, double fnWeight) {
        this.key = key;
        this.nabName = nabName;
        this.tpWeight = tpWeight;
        this.fpWeight = fpWeight;
        this.fnWeight = fnWeight;
    }

    /** The name in this project's result lines: {@code standard}, {@code reward_low_fp}, {@code reward_low_fn}. */
    public String key() {
        return key;
    }

    /** The name in NAB's {@code config/profiles.json} and score files, e.g. {@code reward_low_FP_rate}. */
    public String nabName() {
        return nabName;
    }

    public double tpWeight() {
        return tpWeight;
    }

    public double fpWeight() {
        return fpWeight;
    }

    public double fnWeight() {
        return fnWeight;
    }
}
