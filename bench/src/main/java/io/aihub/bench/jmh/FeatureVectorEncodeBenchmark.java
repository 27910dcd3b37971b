package io.aihub.bench.jmh;

import io.aihub.schemas.FeatureVector;
import io.aihub.schemas.codec.FeatureVectorDatumWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One feature vector (25 features, a fifth of them null) encoded as Apicurio's Avro serializer does it: a fresh
 * {@link ByteArrayOutputStream} and a direct binary encoder per record. {@code writer=ours} is the product's {@link
 * FeatureVectorDatumWriter}; {@code writer=avro} is Avro's {@link SpecificDatumWriter}, the alternative; both write
 * the same bytes ({@code FeatureVectorDatumWriterTest}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FeatureVectorEncodeBenchmark {

    private static final String[] NAMES = {
        "hour_of_day",
        "day_of_week",
        "day_of_month",
        "month",
        "is_weekend",
        "is_business_hours",
        "lag_1h",
        "lag_24h",
        "lag_168h",
        "rolling_avg_24h",
        "rolling_std_24h",
        "rolling_min_24h",
        "rolling_max_24h",
        "rolling_avg_168h",
        "rolling_std_168h",
        "rolling_min_168h",
        "rolling_max_168h",
        "historical_avg_24h",
        "historical_std_24h",
        "max_24h",
        "min_24h",
        "range_24h",
        "hourly_avg",
        "hourly_count",
        "temperature"
    };

    /** Which datum writer: {@code ours} or {@code avro}. */
    @Param({"ours", "avro"})
    public String writer;

    private DatumWriter<FeatureVector> datumWriter;
    private FeatureVector vector;

    @Setup(Level.Trial)
    public void setUp() {
        var random = new SplittableRandom(1);
        Map<String, Double> features = new LinkedHashMap<>();
        for (String name : NAMES) {
            features.put(name, random.nextInt(5) == 0 ? null : random.nextDouble() * 200 - 100);
        }
        vector = FeatureVector.newBuilder()
                .setTenantId("bench")
                .setAssetId("asset-12345")
                .setMetric("value")
                .setTimestamp(Instant.parse("2026-01-01T00:00:00Z"))
                .setValue(42.5)
                .setFeatures(features)
                .setCatalogVersion(1)
                .build();
        datumWriter =
                "ours".equals(writer) ? new FeatureVectorDatumWriter() : new SpecificDatumWriter<>(FeatureVector.class);
        datumWriter.setSchema(FeatureVector.getClassSchema());
    }

    /** Encodes the vector behind a one-byte header, as the serializer does. */
    @Benchmark
    public byte[] encode() throws IOException {
        var out = new ByteArrayOutputStream();
        out.write(0);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        datumWriter.write(vector, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
