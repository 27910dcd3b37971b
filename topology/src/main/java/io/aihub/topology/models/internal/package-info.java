/** Helpers of the model artifact format: header layout, payload primitives, filtered deserialisation, training. */
@NullMarked
package io.aihub.topology.models.internal;

import org.jspecify.annotations.NullMarked;
