@NullMarked
package io.aihub.topology.internal;

import org.jspecify.annotations.NullMarked;
