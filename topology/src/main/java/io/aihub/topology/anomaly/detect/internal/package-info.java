/** The maths behind the detectors: bounded windows, exact quantiles, local outlier factors and the state codec. */
@NullMarked
package io.aihub.topology.anomaly.detect.internal;

import org.jspecify.annotations.NullMarked;
