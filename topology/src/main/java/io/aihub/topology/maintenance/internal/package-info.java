/** Store encodings, the maintenance processor and the view computations. */
@NullMarked
package io.aihub.topology.maintenance.internal;

import org.jspecify.annotations.NullMarked;
