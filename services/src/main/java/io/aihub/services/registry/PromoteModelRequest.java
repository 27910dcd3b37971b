package io.aihub.services.registry;

import org.jspecify.annotations.Nullable;

/** Body of {@code PUT /ai/models/{model_id}/promote}. */
record PromoteModelRequest(
        @Nullable String targetStage, @Nullable String reason) {}
