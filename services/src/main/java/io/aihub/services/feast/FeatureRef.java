package io.aihub.services.feast;

import io.aihub.topology.catalog.FeatureView;
import io.aihub.topology.maintenance.MaintenanceView;

/** One requested feature: its catalog view (for the TTL), the view the topology keeps, and the feature's name. */
record FeatureRef(FeatureView view, MaintenanceView kept, String feature) {

    /** {@code view__feature}, Feast's full feature name. */
    String fullName() {
        return view.name() + "__" + feature;
    }
}
