/**
 * Anomaly detection API: {@code POST /ai/anomaly} runs the topology's detectors over a posted series, and {@code GET
 * /ai/anomalies/stream} pushes the anomalies topic's new events to dashboards as server-sent events, per tenant.
 */
@NullMarked
package io.aihub.services.anomaly;

import org.jspecify.annotations.NullMarked;
