/**
 * Anomaly detectors that score one reading at a time against per-series state, on one scale: robust standard
 * deviations from expected, so the documented severity bands and the {@code sensitivity} threshold mean the same for
 * every method. See {@code topology/ANOMALY.md} for each method's definition.
 */
@NullMarked
package io.aihub.topology.anomaly.detect;

import org.jspecify.annotations.NullMarked;
