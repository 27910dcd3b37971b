/** Hand-written Avro datum writers for the records on the hot path, byte-identical to the generic ones. */
@NullMarked
package io.aihub.schemas.codec;

import org.jspecify.annotations.NullMarked;
