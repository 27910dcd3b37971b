package io.aihub.services.online;

import io.aihub.services.api.Ids;
import io.aihub.services.api.NotFoundException;
import io.aihub.services.api.Violations;
import io.aihub.services.query.StoreUnavailableException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code DELETE /ai/features/cache/{tenant_id}/{asset_id}}: drops every Redis key of one asset of one tenant (the
 * reference's {@code invalidate_feature_cache}, pattern {@code features:{tenant_id}:{asset_id}:*}). 204 when keys
 * were deleted; 404 when nothing was cached for the asset (or the store is disabled); 422 for an invalid id; 503 with
 * {@code Retry-After} while Redis is unreachable. The next vectors of the asset are cached again as they are computed.
 */
@RestController
class OnlineCacheController {

    private final RedisOnlineStore store;

    OnlineCacheController(RedisOnlineStore store) {
        this.store = store;
    }

    @DeleteMapping("/ai/features/cache/{tenant_id}/{asset_id}")
    ResponseEntity<Void> invalidate(
            @PathVariable("tenant_id") String tenantId, @PathVariable("asset_id") String assetId) {
        Violations violations = new Violations();
        Ids.check(tenantId, "tenant_id", violations);
        Ids.check(assetId, "asset_id", violations);
        violations.throwIfAny(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid cache invalidation");
        if (!store.enabled()) {
            throw new NotFoundException(
                    "Online store disabled", "nothing is cached: the Redis online store is off (AIHUB_REDIS_URL)");
        }
        long deleted;
        try {
            deleted = store.invalidate(tenantId, assetId);
        } catch (OnlineStoreException e) {
            throw new StoreUnavailableException("Online store unavailable", e.getMessage(), 1, e);
        }
        if (deleted == 0) {
            throw new NotFoundException(
                    "Nothing cached", "Redis holds no features of tenant '" + tenantId + "', asset '" + assetId + "'");
        }
        return ResponseEntity.noContent().build();
    }
}
