/** Helpers of the batch export: PostgreSQL binary COPY decoding. */
@NullMarked
package io.aihub.services.export.internal;

import org.jspecify.annotations.NullMarked;
