package io.aihub.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.schemas.FeatureVector;
import io.aihub.schemas.TelemetryReading;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class FeatureVectorDatumWriterTest {

    @Test
    void shouldWriteTheSameBytesAsTheSpecificWriterForRandomVectors() throws IOException {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            FeatureVector vector = randomVector(random);

            byte[] fast = encode(new FeatureVectorDatumWriter(), vector);
            byte[] generic = encode(new SpecificDatumWriter<>(FeatureVector.class), vector);

            assertThat(fast).isEqualTo(generic);
            FeatureVector read = new SpecificDatumReader<>(FeatureVector.class)
                    .read(null, DecoderFactory.get().binaryDecoder(fast, null));
            assertThat(read).isEqualTo(vector);
        }
    }

    @Test
    void shouldWriteTheSameBytesThroughADirectEncoderAsApicuriosSerializerUses() throws IOException {
        Random random = new Random(7);
        var writer = new FeatureVectorDatumWriter();
        writer.setSchema(FeatureVector.getClassSchema());
        for (int i = 0; i < 500; i++) {
            FeatureVector vector = randomVector(random);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.write(0x5A); // what the serializer wrote before (magic byte, schema id) stays in front
            BinaryEncoder direct = EncoderFactory.get().directBinaryEncoder(bytes, null);

            writer.write(vector, direct);
            direct.flush();

            byte[] generic = encode(new SpecificDatumWriter<>(FeatureVector.class), vector);
            byte[] expected = new byte[generic.length + 1];
            expected[0] = 0x5A;
            System.arraycopy(generic, 0, expected, 1, generic.length);
            assertThat(bytes.toByteArray()).isEqualTo(expected);
        }
    }

    @Test
    void shouldRefuseAnotherSchema() {
        assertThatThrownBy(() -> new FeatureVectorDatumWriter().setSchema(TelemetryReading.getClassSchema()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TelemetryReading");
    }

    private static FeatureVector randomVector(Random random) {
        Map<String, Double> features = new LinkedHashMap<>();
        int count = random.nextInt(40);
        for (int f = 0; f < count; f++) {
            String name = random.nextBoolean() ? "rolling_avg_24h_" + f : "feature_é_" + random.nextInt(1000);
            features.put(name, random.nextInt(4) == 0 ? null : random.nextGaussian() * 1e6);
        }
        return FeatureVector.newBuilder()
                .setTenantId("tenant-" + random.nextInt(100))
                .setAssetId("asset-" + random.nextInt(100_000))
                .setMetric(random.nextBoolean() ? "value" : "power_kw")
                .setTimestamp(Instant.ofEpochMilli(random.nextLong(0, 4_000_000_000_000L)))
                .setValue(random.nextDouble() * 1000 - 500)
                .setFeatures(features)
                .setCatalogVersion(random.nextInt(5))
                .build();
    }

    private static byte[] encode(DatumWriter<FeatureVector> writer, FeatureVector vector) throws IOException {
        writer.setSchema(FeatureVector.getClassSchema());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        writer.write(vector, encoder);
        encoder.flush();
        return bytes.toByteArray();
    }
}
