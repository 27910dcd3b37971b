/**
 * Feast-style online features of the maintenance views: {@code POST /get-online-features} and
 * {@code GET /ai/features/stats}, answered from the maintenance stores through interactive queries.
 */
@NullMarked
package io.aihub.services.feast;

import org.jspecify.annotations.NullMarked;
