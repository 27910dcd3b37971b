package io.aihub.services.features;

import io.aihub.services.api.NotFoundException;
import io.aihub.services.online.CachedVector;
import io.aihub.services.online.OnlineStoreException;
import io.aihub.services.online.RedisOnlineStore;
import io.aihub.services.query.InteractiveQueries;
import io.aihub.topology.features.FeatureLookup;
import io.aihub.topology.features.FeatureNames;
import io.aihub.topology.features.FeatureQuery;
import io.aihub.topology.features.FeatureSettings;
import io.aihub.topology.features.FeatureStores;
import io.aihub.topology.features.SeriesKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Answers feature requests for keys whose state is in this instance, from the interactive-query stores. */
@Service
class FeatureService {

    private static final Logger log = LoggerFactory.getLogger(FeatureService.class);

    private static final String[] STORES = {FeatureStores.READINGS, FeatureStores.SERIES, FeatureStores.WEATHER};

    /** Features whose values are whole numbers, answered as JSON integers as the documented examples show. */
    private static final Set<String> INTEGRAL = Set.of(
            "hour_of_day",
            "day_of_week",
            "day_of_month",
            "month",
            "is_weekend",
            "is_business_hours",
            "hourly_count",
            "daily_count");

    private final InteractiveQueries queries;
    private final FeatureSettings settings;
    private final RedisOnlineStore online;

    FeatureService(InteractiveQueries queries, FeatureSettings settings, RedisOnlineStore online) {
        this.queries = queries;
        this.settings = settings;
        this.online = online;
    }

    /**
     * The answer from the Redis online store ({@code cache_hit: true}) when Redis holds exactly what the stores answer
     * (README, "Redis online store"): the selection has no weather feature, and Redis holds the series' vector computed
     * at exactly {@code selection.at()}, still exact and inside retention ({@link RedisOnlineStore#exact}). Empty when
     * it does not, or when Redis is disabled, down or slow: the caller then reads the stores.
     */
    Optional<FeatureResponse> fromOnlineStore(SeriesKey key, FeatureSelection selection) {
        if (!online.enabled() || selection.names().stream().anyMatch(FeatureNames.WEATHER::contains)) {
            return Optional.empty();
        }
        Optional<CachedVector> cached;
        try {
            cached = online.exact(key.tenantId(), key.assetId(), key.metric(), selection.at());
        } catch (OnlineStoreException e) {
            log.debug("Redis did not answer; reading the state stores: {}", e.getMessage());
            return Optional.empty();
        }
        return cached.map(vector -> {
            Map<String, @Nullable Object> features = select(vector.features(), selection.names());
            return new FeatureResponse(
                    key.tenantId(),
                    key.assetId(),
                    key.metric(),
                    features,
                    features.size(),
                    vector.timestamp(),
                    true,
                    vector.watermark());
        });
    }

    /** Looks the series up in the local stores of {@code partition}. */
    FeatureLookup lookup(int partition, SeriesKey key, FeatureSelection selection) {
        return queries.queryLocal(
                partition,
                STORES,
                stores -> new FeatureQuery(stores[0], stores[1], stores[2], settings).at(key, selection.at()));
    }

    /** The documented response for a found series; 404 problem for a missing one. */
    FeatureResponse respond(FeatureLookup lookup, FeatureSelection selection) {
        return switch (lookup) {
            case FeatureLookup.Found found -> {
                Map<String, @Nullable Object> features = select(found.features(), selection.names());
                yield new FeatureResponse(
                        found.key().tenantId(),
                        found.key().assetId(),
                        found.key().metric(),
                        features,
                        features.size(),
                        found.timestamp(),
                        false,
                        found.latestReading());
            }
            case FeatureLookup.UnknownSeries unknown -> throw notFound(unknown);
            case FeatureLookup.OutsideRetention outside -> throw notFound(outside);
        };
    }

    static NotFoundException notFound(FeatureLookup lookup) {
        return switch (lookup) {
            case FeatureLookup.UnknownSeries unknown ->
                new NotFoundException(
                        "Series not found",
                        "no readings for tenant '" + unknown.key().tenantId() + "', asset '"
                                + unknown.key().assetId() + "', metric '"
                                + unknown.key().metric() + "'");
            case FeatureLookup.OutsideRetention outside ->
                new NotFoundException(
                        "Timestamp outside retention",
                        "the stores no longer hold the readings needed at that timestamp; the earliest answerable timestamp is "
                                + outside.earliestAnswerable() + " (AIHUB_FEATURES_RETENTION)");
            case FeatureLookup.Found found ->
                throw new IllegalArgumentException("found is not a failure: " + found.key());
        };
    }

    private static Map<String, @Nullable Object> select(Map<String, @Nullable Double> all, List<String> names) {
        Map<String, @Nullable Object> out = LinkedHashMap.newLinkedHashMap(names.size());
        for (String name : names) {
            Double value = all.get(name);
            out.put(name, value != null && INTEGRAL.contains(name) ? (Object) Math.round(value) : value);
        }
        return out;
    }
}
