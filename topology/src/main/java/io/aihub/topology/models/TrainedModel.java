package io.aihub.topology.models;

import java.util.List;

/**
 * A trained model of one of the product's kinds. Immutable and safe to share between threads (stream threads share
 * the instances held by the {@link ModelCache}).
 */
public sealed interface TrainedModel permits IsolationForestModel, QuantileForecastModel, SeasonalProfileModel {

    /** The kind id, one of {@link ModelKind#id()}. */
    String kind();

    /** The names of the model's inputs, in the order of the values of a row given to it. */
    List<String> featureNames();
}
