package io.aihub.topology.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import smile.anomaly.IsolationForest;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.DoubleVector;
import smile.regression.GradientTreeBoost;

/** Java-serialised payload parts are read only through the kind's allow-list, and must be the declared type. */
class DeserialisationAllowListTest {

    private static final long MAX = 8 << 20;
    private static final List<String> FEATURES = Synthetic.ANOMALY_FEATURES;

    /** A class of ours that records being deserialised. */
    static final class Detonator implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        static final AtomicInteger DESERIALISED = new AtomicInteger();

        @Serial
        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            DESERIALISED.incrementAndGet();
            in.defaultReadObject();
        }
    }

    @BeforeEach
    void reset() {
        Detonator.DESERIALISED.set(0);
    }

    @Test
    void shouldRefuseAClassOfOursAndNeverInstantiateIt() {
        byte[] artifact = forestArtifact(Crafted.javaSerialised(new Detonator()));

        assertThatThrownBy(() -> ModelArtifacts.read(artifact, ArtifactCheck.sizeOnly(MAX)))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining(
                        "class " + Detonator.class.getName() + " is not on the isolation_forest allow-list");
        assertThat(Detonator.DESERIALISED).hasValue(0);
    }

    @Test
    void shouldRefuseAForbiddenClassNestedInAnAllowedContainer() {
        var list = new ArrayList<Object>();
        list.add(new Detonator());
        byte[] artifact = quantileArtifact(Crafted.javaSerialised(list));

        assertThatThrownBy(() -> ModelArtifacts.read(artifact, ArtifactCheck.sizeOnly(MAX)))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining(Detonator.class.getName() + " is not on the gradient_boost_quantiles allow-list");
        assertThat(Detonator.DESERIALISED).hasValue(0);
    }

    @Test
    void shouldRefuseAUrlInAHashMapTheClassicGadget() throws Exception {
        // deserialising a HashMap<URL, ?> calls URL.hashCode, which resolves the host (a DNS probe): refused before
        var map = new HashMap<URL, String>();
        map.put(URI.create("http://127.0.0.1:1/").toURL(), "x");
        byte[] artifact = quantileArtifact(Crafted.javaSerialised(map));

        assertThatThrownBy(() -> ModelArtifacts.read(artifact, ArtifactCheck.sizeOnly(MAX)))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining("class java.net.URL is not on the gradient_boost_quantiles allow-list");
    }

    @Test
    void shouldRefuseAnAllowedClassOfTheWrongType() {
        double[][] rows = Synthetic.gaussianRows(3, 50);
        var tree = IsolationForest.fit(rows, new IsolationForest.Options(2, 0, 0.5, 0))
                .trees()[0];
        byte[] artifact = forestArtifact(Crafted.javaSerialised(tree));

        assertThatThrownBy(() -> ModelArtifacts.read(artifact, ArtifactCheck.sizeOnly(MAX)))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining(
                        "holds a smile.anomaly.IsolationTree, expected exactly smile.anomaly.IsolationForest");
    }

    @Test
    void shouldRefuseAnotherKindsSmileModel() {
        double[][] x = Synthetic.forecastRows(4, 40);
        DataFrame data =
                DataFrame.of(x, "temperature", "hour_of_day").add(new DoubleVector("y", Synthetic.targets(x, 5)));
        var gbm = GradientTreeBoost.fit(Formula.lhs("y"), data, new GradientTreeBoost.Options(3));
        byte[] artifact = forestArtifact(Crafted.javaSerialised(gbm));

        assertThatThrownBy(() -> ModelArtifacts.read(artifact, ArtifactCheck.sizeOnly(MAX)))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining(
                        "class smile.regression.GradientTreeBoost is not on the isolation_forest allow-list");
    }

    @Test
    void shouldRefuseAHugeDeclaredArrayBeforeAllocatingIt() {
        byte[] stream = Crafted.javaSerialised(new double[] {1.0});
        // a double[] stream ends with its int32 length and its elements
        ByteBuffer.wrap(stream).putInt(stream.length - 12, 2_000_000_000);
        byte[] artifact = forestArtifact(stream);

        assertThatThrownBy(() -> ModelArtifacts.read(artifact, ArtifactCheck.sizeOnly(MAX)))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining("an array of 2000000000 elements");
    }

    @Test
    void shouldRefuseAnObjectGraphDeeperThanTheLimit() {
        Object[] nested = new Object[1];
        for (int i = 0; i < 300; i++) {
            nested = new Object[] {nested};
        }
        byte[] artifact = quantileArtifact(Crafted.javaSerialised(nested));

        assertThatThrownBy(() -> ModelArtifacts.read(artifact, ArtifactCheck.sizeOnly(MAX)))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining("object graph deeper than 256");
    }

    private static byte[] forestArtifact(byte[] blob) {
        return Crafted.artifact(1, "isolation_forest", 1, Crafted.isolationForestPayload(FEATURES, blob));
    }

    private static byte[] quantileArtifact(byte[] blob) {
        return Crafted.artifact(
                1, "gradient_boost_quantiles", 1, Crafted.quantilePayload(Synthetic.FORECAST_FEATURES, blob));
    }
}
