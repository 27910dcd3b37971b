package io.aihub.topology.registry;

import io.aihub.schemas.ModelStage;
import io.aihub.schemas.ModelType;
import io.aihub.schemas.ModelVersion;
import io.aihub.schemas.RegistryCommand;
import io.aihub.schemas.RegistryCommandType;
import java.time.Instant;
import java.util.UUID;

/** Builds registry commands for tests. */
final class RegistryCommands {

    static final String TENANT = "tenant-1";
    static final String NAME = "forecast-gbm";

    private RegistryCommands() {}

    static RegistryCommand.Builder command(RegistryCommandType type, String version) {
        return RegistryCommand.newBuilder()
                .setCommandId(UUID.randomUUID().toString())
                .setType(type)
                .setTenantId(TENANT)
                .setModelName(NAME)
                .setVersion(version)
                .setIssuedAt(Instant.EPOCH);
    }

    static RegistryCommand reserve(String version, long expiresAt) {
        return command(RegistryCommandType.RESERVE, version)
                .setExpiresAt(Instant.ofEpochMilli(expiresAt))
                .build();
    }

    static RegistryCommand commit(RegistryCommand reservation, ModelStage stage) {
        return command(RegistryCommandType.COMMIT, reservation.getVersion())
                .setReservationId(reservation.getCommandId())
                .setModel(model(reservation.getVersion(), stage))
                .build();
    }

    static RegistryCommand promote(String version, ModelStage target) {
        return command(RegistryCommandType.PROMOTE, version)
                .setTargetStage(target)
                .build();
    }

    static RegistryCommand delete(String version, boolean force) {
        return command(RegistryCommandType.DELETE, version).setForce(force).build();
    }

    static ModelVersion model(String version, ModelStage stage) {
        return ModelVersion.newBuilder()
                .setVersion(version)
                .setModelType(ModelType.forecast)
                .setStage(stage)
                .setRegisteredAt(Instant.EPOCH)
                .setStageChangedAt(Instant.EPOCH)
                .setStoragePath("s3://models/" + TENANT + "/" + NAME + "/" + version + "/")
                .setArtifactSha256("00")
                .setArtifactSize(1)
                .setMetadataJson("{}")
                .setMetricsJson("{}")
                .build();
    }
}
