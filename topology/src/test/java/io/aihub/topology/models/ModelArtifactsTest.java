package io.aihub.topology.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelArtifactsTest {

    private static final long MAX = 1 << 20;
    /** magic 4 + format version 4 + kind length 1 + kind 16 + payload version 4 + payload length 8. */
    private static final int HEADER_OF_16_CHAR_KIND = 37;

    private final SeasonalProfileModel profile = Synthetic.profile(0);
    private final byte[] artifact = ModelArtifacts.write(profile);

    @Test
    void shouldLayOutTheHeaderAsDocumented() {
        ByteBuffer in = ByteBuffer.wrap(artifact);
        byte[] magic = new byte[4];
        in.get(magic);
        int formatVersion = in.getInt();
        byte[] kind = new byte[in.get()];
        in.get(kind);
        int payloadVersion = in.getInt();
        long payloadLength = in.getLong();

        assertThat(new String(magic, StandardCharsets.US_ASCII)).isEqualTo("AIHM");
        assertThat(formatVersion).isEqualTo(1);
        assertThat(new String(kind, StandardCharsets.US_ASCII)).isEqualTo("seasonal_profile");
        assertThat(payloadVersion).isEqualTo(1);
        assertThat(payloadLength).isEqualTo(in.remaining()).isEqualTo(4 + 2 + 12 + 4 + 168 * 32);
        assertThat(in.getInt()).as("feature count").isEqualTo(1);
        assertThat(ModelArtifacts.readHeader(artifact, ArtifactCheck.sizeOnly(MAX)))
                .isEqualTo(new ArtifactHeader(1, ModelKind.SEASONAL_PROFILE, 1, payloadLength));
    }

    @Test
    void shouldReproduceTheArtifactFromTheDocumentedLayout() {
        byte[] payload = Arrays.copyOfRange(artifact, artifact.length - (4 + 2 + 12 + 4 + 168 * 32), artifact.length);

        assertThat(Crafted.artifact(1, "seasonal_profile", 1, payload)).isEqualTo(artifact);
    }

    @Test
    void shouldRefuseATamperedByteWithAChecksumMismatch() {
        String sha = ModelArtifacts.sha256Hex(artifact);
        byte[] tampered = artifact.clone();
        tampered[tampered.length - 20] ^= 0x01;

        assertThat(ModelArtifacts.read(artifact, ArtifactCheck.of(MAX, sha))).isEqualTo(profile);
        assertThatThrownBy(() -> ModelArtifacts.read(tampered, ArtifactCheck.of(MAX, sha)))
                .isInstanceOfSatisfying(ChecksumMismatchException.class, e -> {
                    assertThat(e.expectedSha256Hex()).isEqualTo(sha);
                    assertThat(e.actualSha256Hex()).isEqualTo(ModelArtifacts.sha256Hex(tampered));
                })
                .hasMessageContaining("expected " + sha);
    }

    @Test
    void shouldCheckTheSizeFirstThenTheChecksumThenTheHeader() {
        byte[] garbage = "definitely not a model".getBytes(StandardCharsets.US_ASCII);
        String wrongSha = ModelArtifacts.sha256Hex(artifact);

        assertThatThrownBy(() -> ModelArtifacts.read(artifact, ArtifactCheck.sizeOnly(artifact.length - 1)))
                .isInstanceOfSatisfying(ArtifactTooLargeException.class, e -> {
                    assertThat(e.sizeBytes()).isEqualTo(artifact.length);
                    assertThat(e.maxBytes()).isEqualTo(artifact.length - 1);
                });
        assertThatThrownBy(() -> ModelArtifacts.read(garbage, ArtifactCheck.of(garbage.length - 1, wrongSha)))
                .isInstanceOf(ArtifactTooLargeException.class);
        assertThatThrownBy(() -> ModelArtifacts.read(garbage, ArtifactCheck.of(MAX, wrongSha)))
                .isInstanceOf(ChecksumMismatchException.class);
        assertThatThrownBy(() -> ModelArtifacts.read(garbage, ArtifactCheck.sizeOnly(MAX)))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining("magic");
        assertThat(ModelArtifacts.read(artifact, ArtifactCheck.sizeOnly(artifact.length)))
                .isEqualTo(profile);
    }

    @Test
    void shouldRefuseAnUnknownKind() {
        byte[] unknown = Crafted.artifact(1, "neural_prophet", 1, new byte[16]);

        assertThatThrownBy(() -> ModelArtifacts.read(unknown, ArtifactCheck.sizeOnly(MAX)))
                .isInstanceOf(UnsupportedModelException.class)
                .hasMessageContaining("unknown model kind 'neural_prophet'")
                .hasMessageContaining("isolation_forest");
    }

    @Test
    void shouldRefuseANewerFormatVersionWithoutReadingFurther() {
        // a format 2 header may look different: nothing after the version is interpreted
        byte[] newer = new byte[64];
        ByteBuffer.wrap(newer).put(Crafted.MAGIC).putInt(2);

        assertThatThrownBy(() -> ModelArtifacts.read(newer, ArtifactCheck.sizeOnly(MAX)))
                .isInstanceOf(UnsupportedModelException.class)
                .hasMessageContaining("format version 2 is newer than this reader's (1)");
    }

    @Test
    void shouldRefuseANewerPayloadVersionOfAKnownKind() {
        byte[] payload = Arrays.copyOfRange(artifact, HEADER_OF_16_CHAR_KIND, artifact.length);
        byte[] newer = Crafted.artifact(1, "seasonal_profile", 2, payload);

        assertThatThrownBy(() -> ModelArtifacts.read(newer, ArtifactCheck.sizeOnly(MAX)))
                .isInstanceOf(UnsupportedModelException.class)
                .hasMessageContaining("payload version 2 of kind 'seasonal_profile' is newer");
    }

    @Test
    void shouldRefuseEveryTruncationOfAnArtifact() {
        for (int length = 0; length < artifact.length; length++) {
            byte[] truncated = Arrays.copyOf(artifact, length);

            assertThatThrownBy(() -> ModelArtifacts.read(truncated, ArtifactCheck.sizeOnly(MAX)))
                    .as("cut at %d of %d bytes", length, artifact.length)
                    .isInstanceOf(CorruptArtifactException.class);
        }
    }

    @Test
    void shouldRefuseATruncatedPayloadBehindAConsistentHeader() {
        byte[] payload = Arrays.copyOfRange(artifact, HEADER_OF_16_CHAR_KIND, artifact.length);
        byte[] forestArtifact = ModelArtifacts.write(Synthetic.forest());
        byte[] forestPayload = Arrays.copyOfRange(forestArtifact, HEADER_OF_16_CHAR_KIND, forestArtifact.length);

        for (int cut : new int[] {0, 3, 10, payload.length / 2, payload.length - 1}) {
            byte[] crafted = Crafted.artifact(1, "seasonal_profile", 1, Arrays.copyOf(payload, cut));
            assertThatThrownBy(() -> ModelArtifacts.read(crafted, ArtifactCheck.sizeOnly(MAX)))
                    .as("seasonal payload cut at %d", cut)
                    .isInstanceOf(CorruptArtifactException.class)
                    .hasMessageStartingWith("seasonal_profile payload:");
        }
        for (int cut : new int[] {0, 20, 90, forestPayload.length / 2, forestPayload.length - 1}) {
            byte[] crafted = Crafted.artifact(1, "isolation_forest", 1, Arrays.copyOf(forestPayload, cut));
            assertThatThrownBy(() -> ModelArtifacts.read(crafted, ArtifactCheck.sizeOnly(10 * MAX)))
                    .as("forest payload cut at %d", cut)
                    .isInstanceOf(CorruptArtifactException.class);
        }
    }

    @Test
    void shouldRefuseABlobCutInsideTheJavaStream() {
        byte[] forestArtifact = ModelArtifacts.write(Synthetic.forest());
        byte[] forestPayload = Arrays.copyOfRange(forestArtifact, HEADER_OF_16_CHAR_KIND, forestArtifact.length);
        byte[] blob = Arrays.copyOfRange(
                forestPayload, forestPayload.length - blobLength(forestPayload), forestPayload.length);
        byte[] cutBlob = Arrays.copyOf(blob, blob.length / 2);
        byte[] crafted = Crafted.artifact(
                1, "isolation_forest", 1, Crafted.isolationForestPayload(Synthetic.ANOMALY_FEATURES, cutBlob));

        assertThatThrownBy(() -> ModelArtifacts.read(crafted, ArtifactCheck.sizeOnly(10 * MAX)))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining("isolation_forest forest does not deserialise");
    }

    @Test
    void shouldRefuseTrailingBytesAndABadMagic() {
        byte[] trailing = Arrays.copyOf(artifact, artifact.length + 1);
        byte[] badMagic = artifact.clone();
        badMagic[0] = 'X';

        assertThatThrownBy(() -> ModelArtifacts.read(trailing, ArtifactCheck.sizeOnly(MAX)))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining("(1 trailing bytes)");
        assertThatThrownBy(() -> ModelArtifacts.read(badMagic, ArtifactCheck.sizeOnly(MAX)))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining("not a model artifact");
    }

    @Test
    void shouldNormaliseAndValidateExpectedChecksums() {
        String sha = ModelArtifacts.sha256Hex(artifact);

        assertThat(ArtifactCheck.of(MAX, sha.toUpperCase()).sha256Hex()).isEqualTo(sha);
        assertThat(sha).matches("[0-9a-f]{64}");
        assertThatThrownBy(() -> ArtifactCheck.of(MAX, "abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> ArtifactCheck.sizeOnly(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(List.of(ModelKind.values()))
                .extracting(ModelKind::id)
                .containsExactly("isolation_forest", "gradient_boost_quantiles", "seasonal_profile");
    }

    /** The forest blob is the payload's last field: find its int32 length by scanning for a consistent prefix. */
    private static int blobLength(byte[] payload) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        int names = in.getInt();
        for (int i = 0; i < names; i++) {
            in.position(in.position() + 2 + Short.toUnsignedInt(in.getShort(in.position())));
        }
        in.position(in.position() + 4 * 8);
        return in.getInt();
    }
}
