@NullMarked
package io.aihub.topology.anomaly.internal;

import org.jspecify.annotations.NullMarked;
