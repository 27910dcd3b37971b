/**
 * Trained models of the product and their one artifact format.
 *
 * <p>A model is a {@link io.aihub.topology.models.TrainedModel} of one of the kinds in {@link
 * io.aihub.topology.models.ModelKind}. {@link io.aihub.topology.models.ModelArtifacts} writes it to, and reads it
 * from, a versioned artifact (header, then payload; see {@code topology/MODELS.md}); the model registry stores the
 * artifact and its SHA-256, and the stream processors load models through a {@link
 * io.aihub.topology.models.ModelCache}.
 */
@NullMarked
package io.aihub.topology.models;

import org.jspecify.annotations.NullMarked;
