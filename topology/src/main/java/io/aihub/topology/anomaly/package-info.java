/** Anomalies scored in-stream: severities, settings and the scoring nodes of the topology. */
@NullMarked
package io.aihub.topology.anomaly;

import org.jspecify.annotations.NullMarked;
