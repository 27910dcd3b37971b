@NullMarked
package io.aihub.topology.registry.internal;

import org.jspecify.annotations.NullMarked;
