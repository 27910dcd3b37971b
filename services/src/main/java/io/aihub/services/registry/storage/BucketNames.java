package io.aihub.services.registry.storage;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The naming rules of S3 general purpose buckets (AWS "Bucket naming rules"), which MinIO applies too: checked
 * at start-up so a bad name fails with a reason rather than with the server's {@code InvalidBucketName}.
 */
public final class BucketNames {

    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9][a-z0-9.-]*[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> RESERVED_SUFFIXES =
            List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");

    private BucketNames() {}

    /** Why {@code name} is not a valid bucket name, or empty if it is one. */
    public static Optional<String> problem(String name) {
        if (name.length() < 3 || name.length() > 63) {
            return Optional.of("must be 3 to 63 characters long, has " + name.length());
        }
        if (!ALLOWED.matcher(name).matches()) {
            return Optional.of("may hold only lowercase letters, digits, '.' and '-', and must begin and end with"
                    + " a letter or digit");
        }
        if (name.contains("..")) {
            return Optional.of("must not hold two adjacent periods");
        }
        if (name.contains(".-") || name.contains("-.")) {
            return Optional.of("must not hold a period next to a hyphen");
        }
        if (IP_ADDRESS.matcher(name).matches()) {
            return Optional.of("must not be formatted as an IP address");
        }
        for (String prefix : RESERVED_PREFIXES) {
            if (name.startsWith(prefix)) {
                return Optional.of("must not begin with the reserved prefix '" + prefix + "'");
            }
        }
        for (String suffix : RESERVED_SUFFIXES) {
            if (name.endsWith(suffix)) {
                return Optional.of("must not end with the reserved suffix '" + suffix + "'");
            }
        }
        return Optional.empty();
    }
}
