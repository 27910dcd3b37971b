/**
 * The IoT ML anomaly endpoints, {@code /ml/anomalies/*}: training a device's multivariate isolation forest from its
 * raw history in the stream's stores (registered and promoted in the model registry, then scored in-stream), and
 * reading the anomalies the stream scored.
 */
@NullMarked
package io.aihub.services.ml;

import org.jspecify.annotations.NullMarked;
