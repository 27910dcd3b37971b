/** {@code ./aihub bench registry}: the registry harness's cases, requests, swap models and result lines. */
@NullMarked
package io.aihub.bench.registry;

import org.jspecify.annotations.NullMarked;
