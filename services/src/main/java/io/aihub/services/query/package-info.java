/** Interactive-query routing: owner lookup, local store access with bounded retry, one-hop forwarding. */
@NullMarked
package io.aihub.services.query;

import org.jspecify.annotations.NullMarked;
