/** The Feast-style maintenance feature views: asset_features, telemetry_features, work_order_features. */
@NullMarked
package io.aihub.topology.maintenance;

import org.jspecify.annotations.NullMarked;
