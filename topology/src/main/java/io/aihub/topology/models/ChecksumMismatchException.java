package io.aihub.topology.models;

/** The SHA-256 of the artifact's bytes is not the one expected (recorded by the registry). */
public final class ChecksumMismatchException extends ModelArtifactException {

    private final String expectedSha256Hex;
    private final String actualSha256Hex;

    public ChecksumMismatchException(String expectedSha256Hex, String actualSha256Hex) {
        super("artifact SHA-256 is " + actualSha256Hex + ", expected " + expectedSha256Hex);
        this.expectedSha256Hex = expectedSha256Hex;
        this.actualSha256Hex = actualSha256Hex;
    }

    public String expectedSha256Hex() {
        return expectedSha256Hex;
    }

    public String actualSha256Hex() {
        return actualSha256Hex;
    }
}
