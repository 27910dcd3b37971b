package io.aihub.services.feast;

import io.aihub.services.query.InteractiveQueries;
import io.aihub.topology.maintenance.MaintenanceView;
import io.aihub.topology.maintenance.MaintenanceViews;
import io.aihub.topology.maintenance.ViewRow;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Reads entity rows of the maintenance views from this instance's stores and turns them into cells: NOT_FOUND without
 * a row, OUTSIDE_MAX_AGE when the row's event timestamp is older than now minus the view's TTL (value null),
 * PRESENT with the value otherwise (NULL_VALUE when the view has no value for the feature).
 */
@Component
class OnlineFeatureReader {

    private final InteractiveQueries queries;
    private final Clock clock;

    OnlineFeatureReader(InteractiveQueries queries) {
        this.queries = queries;
        this.clock = Clock.systemUTC();
    }

    /** The cells of one entity, in the order of {@code refs}, from local partition {@code partition}. */
    Cell[] read(int partition, String tenantId, String assetId, List<FeatureRef> refs) {
        Map<MaintenanceView, Optional<ViewRow>> rows = queries.queryLocal(
                partition,
                MaintenanceViews.STORES,
                stores -> rows(MaintenanceViews.of(stores), tenantId, assetId, refs));
        Instant now = clock.instant();
        Cell[] cells = new Cell[refs.size()];
        for (int j = 0; j < refs.size(); j++) {
            FeatureRef ref = refs.get(j);
            ViewRow row = rows.get(ref.kept()).orElse(null);
            if (row == null) {
                cells[j] = Cell.notFound();
                continue;
            }
            Instant eventTime = Instant.ofEpochMilli(row.eventTime());
            if (eventTime.plus(ref.view().ttl()).isBefore(now)) {
                cells[j] = new Cell(null, Cell.OUTSIDE_MAX_AGE, eventTime);
            } else {
                Object value = row.values().get(ref.feature());
                cells[j] = new Cell(value, value == null ? Cell.NULL_VALUE : Cell.PRESENT, eventTime);
            }
        }
        return cells;
    }

    private static Map<MaintenanceView, Optional<ViewRow>> rows(
            MaintenanceViews views, String tenantId, String assetId, List<FeatureRef> refs) {
        Map<MaintenanceView, Optional<ViewRow>> rows = new EnumMap<>(MaintenanceView.class);
        for (FeatureRef ref : refs) {
            rows.computeIfAbsent(ref.kept(), view -> views.row(view, tenantId, assetId));
        }
        return rows;
    }
}
