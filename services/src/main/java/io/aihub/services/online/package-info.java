/**
 * The Redis online store: every feature vector of the {@code features} topic materialised to Redis by a dedicated
 * consumer (never on a stream thread), read first by {@code /ai/features/get} when Redis holds exactly the stores'
 * answer, and invalidated per asset by {@code DELETE /ai/features/cache/{tenant_id}/{asset_id}}.
 */
@NullMarked
package io.aihub.services.online;

import org.jspecify.annotations.NullMarked;
