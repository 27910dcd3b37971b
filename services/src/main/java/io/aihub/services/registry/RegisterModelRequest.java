package io.aihub.services.registry;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Body of {@code POST /ai/models/register}, as documented. */
record RegisterModelRequest(
        @Nullable String tenantId,
        @Nullable String modelName,
        @Nullable String version,
        @Nullable String modelType,
        @Nullable String stage,
        @Nullable String modelFile,
        @Nullable JsonNode metadata,
        @Nullable JsonNode metrics) {}
