/** Server-sent event streams of output topics, per tenant: one topic reader per instance, bounded client queues. */
@NullMarked
package io.aihub.services.stream;

import org.jspecify.annotations.NullMarked;
