package io.aihub.topology.models.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** SHA-256 digests as lower-case hex. */
public final class Sha256 {

    private static final Pattern HEX_64 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final HexFormat HEX = HexFormat.of();

    private Sha256() {}

    /** The SHA-256 of the bytes, 64 lower-case hex digits. */
    public static String hex(byte[] bytes) {
        return HEX.formatHex(digest(bytes));
    }

    /** The value in lower case, if it is 64 hex digits; else an IllegalArgumentException naming the field. */
    public static String requireHex(String value, String field) {
        if (!HEX_64.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be a SHA-256 as 64 hex digits, was '" + value + "'");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
