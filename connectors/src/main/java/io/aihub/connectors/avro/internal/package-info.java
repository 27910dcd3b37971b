/** Avro to Connect data conversion. */
@NullMarked
package io.aihub.connectors.avro.internal;

import org.jspecify.annotations.NullMarked;
