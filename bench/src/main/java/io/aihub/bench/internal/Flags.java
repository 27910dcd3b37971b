package io.aihub.bench.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Command-line flags in {@code --key value} form. Every flag a harness reads is declared with its default and a
 * one-line description, so an unknown flag is rejected and {@code --help} lists them all.
 */
public final class Flags {

    private final String harness;
    private final Map<String, String> given;
    private final Map<String, String[]> declared = new TreeMap<>();

    private Flags(String harness, Map<String, String> given) {
        this.harness = harness;
        this.given = given;
    }

    /** Parses {@code args}; throws {@link UsageException} for a malformed argument list. */
    public static Flags parse(String harness, String[] args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                given.put("help", "true");
                continue;
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("expected --key value, got '" + arg + "'");
            }
            String key = arg.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq > 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException("flag --" + key + " needs a value");
            }
            given.put(key, value);
        }
        return new Flags(harness, given);
    }

    public String string(String key, String defaultValue, String doc) {
        declared.put(key, new String[] {defaultValue, doc});
        return given.getOrDefault(key, defaultValue);
    }

    public int integer(String key, int defaultValue, String doc) {
        String raw = string(key, Integer.toString(defaultValue), doc);
        try {
            return Integer.parseInt(raw.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException("--" + key + " must be a whole number, got '" + raw + "'");
        }
    }

    public int positive(String key, int defaultValue, String doc) {
        int value = integer(key, defaultValue, doc);
        if (value <= 0) {
            throw new UsageException("--" + key + " must be > 0, got " + value);
        }
        return value;
    }

    public Duration duration(String key, String defaultValue, String doc) {
        String raw = string(key, defaultValue, doc);
        try {
            if (raw.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(raw.substring(0, raw.length() - 2)));
            }
            if (raw.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(raw.substring(0, raw.length() - 1)) * 1000));
            }
            if (raw.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(raw.substring(0, raw.length() - 1)) * 60);
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(raw) * 1000));
        } catch (NumberFormatException e) {
            throw new UsageException(
                    "--" + key + " must be a duration like 500ms, 3s, 2m or a number of seconds, got '" + raw + "'");
        }
    }

    /** An optional flag without default: empty string when absent. */
    public String optional(String key, String doc) {
        declared.put(key, new String[] {"", doc});
        return given.getOrDefault(key, "");
    }

    /**
     * Extra application properties as {@code key=value,key=value} (a value may not contain a comma), e.g.
     * {@code aihub.streams.commit-interval=50ms}.
     */
    public Map<String, Object> properties(String key, String doc) {
        String raw = optional(key, doc);
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String pair : raw.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--" + key + " takes key=value[,key=value...], got '" + pair + "'");
            }
            properties.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return properties;
    }

    public boolean helpRequested() {
        return given.containsKey("help");
    }

    /** Rejects flags that were given but never declared; call after reading every flag. */
    public void rejectUnknown() {
        for (String key : given.keySet()) {
            if (!key.equals("help") && !declared.containsKey(key)) {
                throw new UsageException("unknown flag --" + key + "\n" + usage());
            }
        }
    }

    public String usage() {
        var text = new StringBuilder("usage: ./aihub bench " + harness + " [--key value]...\n");
        declared.forEach((key, spec) -> text.append(String.format(
                "  --%-22s %s%s%n", key, spec[1], spec[0].isEmpty() ? "" : " (default " + spec[0] + ")")));
        return text.toString();
    }

    /** A malformed command line; the harness prints the message and exits with status 2. */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }
}
