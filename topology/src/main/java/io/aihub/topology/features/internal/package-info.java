@NullMarked
package io.aihub.topology.features.internal;

import org.jspecify.annotations.NullMarked;
