package io.aihub.services.registry;

import io.aihub.schemas.ModelFamily;
import io.aihub.schemas.ModelStage;
import io.aihub.schemas.ModelType;
import io.aihub.schemas.ModelVersion;
import io.aihub.schemas.RegistryCommand;
import io.aihub.schemas.RegistryCommandType;
import io.aihub.schemas.RegistryReply;
import io.aihub.services.api.ProblemException;
import io.aihub.services.config.AihubProperties;
import io.aihub.services.query.StoreUnavailableException;
import io.aihub.services.registry.storage.ModelFiles;
import io.aihub.services.registry.storage.ModelStorage;
import io.aihub.services.registry.storage.ModelStorageException;
import io.aihub.topology.models.ArtifactCheck;
import io.aihub.topology.models.ModelArtifactException;
import io.aihub.topology.models.ModelArtifacts;
import io.aihub.topology.registry.ModelId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The registry's operations. A registration reserves the version (so two registrations of one version cannot
 * both upload), uploads the artifact, metadata.json and metrics.json, then commits the version: the registry record
 * appears only once every file is in S3, and a failed upload releases the reservation and leaves no record.
 * Promotions and deletions are commands applied in order by the model name's single writer. Every change answers
 * once this instance's global store shows it, so a read that follows on the same instance sees it.
 */
@Service
class ModelRegistry {

    private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);

    private final RegistryCommandSender commands;
    private final RegistryEvents events;
    private final RegistryView view;
    private final ObjectProvider<ModelStorage> storage;
    private final AihubProperties.Models settings;
    private final Clock clock = Clock.systemUTC();
    private final Counter orphaned;

    ModelRegistry(
            RegistryCommandSender commands,
            RegistryEvents events,
            RegistryView view,
            ObjectProvider<ModelStorage> storage,
            AihubProperties settings,
            MeterRegistry meters) {
        this.commands = commands;
        this.events = events;
        this.view = view;
        this.storage = storage;
        this.settings = settings.models();
        this.orphaned = Counter.builder("aihub.registry.orphaned.artifacts")
                .description("Deleted model versions whose S3 objects could not be removed")
                .register(meters);
    }

    /** A validated registration. */
    record Registration(
            ModelId id, ModelType type, ModelStage stage, byte[] artifact, String metadataJson, String metricsJson) {}

    ModelVersion register(Registration registration, MetadataWriter metadata) {
        ModelStorage store = storage();
        ModelId id = registration.id();
        if (find(id).isPresent()) {
            throw conflict("Model " + id + " is already registered");
        }
        Instant now = clock.instant();
        var reservation = command(RegistryCommandType.RESERVE, id)
                .setExpiresAt(now.plus(settings.reservationTimeout()))
                .build();
        expectAccepted(reservation);

        String sha256 = ModelArtifacts.sha256Hex(registration.artifact());
        String kind = kindOf(registration.artifact());
        var model = ModelVersion.newBuilder()
                .setVersion(id.version())
                .setModelType(registration.type())
                .setStage(registration.stage())
                .setRegisteredAt(now)
                .setStageChangedAt(now)
                .setStoragePath(store.storagePath(id.tenantId(), id.modelName(), id.version()))
                .setArtifactSha256(sha256)
                .setArtifactSize(registration.artifact().length)
                .setArtifactKind(kind)
                .setMetadataJson(registration.metadataJson())
                .setMetricsJson(registration.metricsJson())
                .build();
        try {
            store.upload(new ModelFiles(
                    id.tenantId(),
                    id.modelName(),
                    id.version(),
                    registration.artifact(),
                    metadata.write(id, model),
                    registration.metricsJson().getBytes(StandardCharsets.UTF_8)));
        } catch (ModelStorageException e) {
            release(reservation);
            throw new ProblemException(
                    HttpStatus.INTERNAL_SERVER_ERROR,
                    "Upload failed",
                    "could not store the artifact of " + id + " in S3: " + e.getMessage(),
                    "model_file",
                    e);
        }
        var commit = command(RegistryCommandType.COMMIT, id)
                .setReservationId(reservation.getCommandId())
                .setModel(model)
                .build();
        RegistryReply reply = expectAccepted(commit);
        awaitVisible(id, reply.getRevision(), false);
        return reply.getModel() != null ? reply.getModel() : model;
    }

    Optional<ModelVersion> find(ModelId id) {
        return view.family(id.tenantId(), id.modelName())
                .flatMap(family -> family.getVersions().stream()
                        .filter(v -> v.getVersion().equals(id.version()))
                        .findFirst());
    }

    /** Versions of one tenant, filtered, ordered by model name then version number. */
    List<ModelVersionOf> list(String tenantId, @Nullable String modelName, @Nullable ModelStage stage) {
        List<ModelFamily> families = modelName == null
                ? view.families(tenantId)
                : view.family(tenantId, modelName).map(List::of).orElse(List.of());
        return families.stream()
                .flatMap(family -> family.getVersions().stream()
                        .filter(v -> stage == null || v.getStage() == stage)
                        .map(v -> new ModelVersionOf(
                                new ModelId(family.getTenantId(), family.getModelName(), v.getVersion()), v)))
                .sorted(Comparator.comparing((ModelVersionOf m) -> m.id().modelName())
                        .thenComparing(m -> m.id().version(), ModelId.VERSION_ORDER))
                .toList();
    }

    /** A version with its id. */
    record ModelVersionOf(ModelId id, ModelVersion version) {}

    RegistryReply promote(ModelId id, ModelStage target, @Nullable String reason) {
        var promote = command(RegistryCommandType.PROMOTE, id)
                .setTargetStage(target)
                .setReason(reason)
                .build();
        RegistryReply reply = expectAccepted(promote);
        awaitVisible(id, reply.getRevision(), false);
        return reply;
    }

    RegistryReply delete(ModelId id, boolean force) {
        var delete = command(RegistryCommandType.DELETE, id).setForce(force).build();
        RegistryReply reply = expectAccepted(delete);
        awaitVisible(id, reply.getRevision(), true);
        // the record is gone first, the files second: a record never points at a missing artifact
        ModelStorage store = storage.getIfAvailable();
        if (store == null) {
            orphaned.increment();
            log.warn("Deleted {} from the registry; no S3 storage is configured to delete its files", id);
            return reply;
        }
        try {
            store.delete(id.tenantId(), id.modelName(), id.version());
        } catch (ModelStorageException e) {
            orphaned.increment();
            log.warn("Deleted {} from the registry but could not delete its files: {}", id, e.getMessage());
        }
        return reply;
    }

    private RegistryCommand.Builder command(RegistryCommandType type, ModelId id) {
        return RegistryCommand.newBuilder()
                .setCommandId(UUID.randomUUID().toString())
                .setType(type)
                .setTenantId(id.tenantId())
                .setModelName(id.modelName())
                .setVersion(id.version())
                .setIssuedAt(clock.instant());
    }

    /** Sends the command and waits for its reply; a refusal becomes the matching problem response. */
    private RegistryReply expectAccepted(RegistryCommand command) {
        RegistryReply reply = send(command);
        int status = reply.getStatus();
        if (status == 200 || status == 201) {
            return reply;
        }
        HttpStatus http = HttpStatus.valueOf(status);
        String title = switch (http) {
            case NOT_FOUND -> "Model not found";
            case CONFLICT -> "Model version conflict";
            case BAD_REQUEST ->
                command.getType() == RegistryCommandType.DELETE
                        ? "Cannot delete production model"
                        : "Invalid stage transition";
            default -> "Registry refused the change";
        };
        String field = switch (command.getType()) {
            case PROMOTE -> status == 400 ? "target_stage" : "model_id";
            case DELETE -> status == 400 ? "force" : "model_id";
            default -> "version";
        };
        throw new ProblemException(http, title, reply.getMessage(), field);
    }

    private RegistryReply send(RegistryCommand command) {
        var reply = events.expect(command.getCommandId());
        try {
            commands.send(command);
            return reply.get(settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new StoreUnavailableException(
                    "Registry unavailable",
                    "the registry did not answer " + command.getType() + " of " + command.getTenantId() + ":"
                            + command.getModelName() + ":" + command.getVersion() + " within "
                            + settings.commandTimeout() + "; it may still be applied",
                    5,
                    e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("registry reply failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("Registry unavailable", "interrupted", 5, e);
        } finally {
            events.forget(command.getCommandId());
        }
    }

    private void release(RegistryCommand reservation) {
        var release = RegistryCommand.newBuilder(reservation)
                .setCommandId(UUID.randomUUID().toString())
                .setType(RegistryCommandType.RELEASE)
                .setReservationId(reservation.getCommandId())
                .setExpiresAt(null)
                .setIssuedAt(clock.instant())
                .build();
        try {
            send(release);
        } catch (RuntimeException e) {
            // the reservation lapses by itself after the reservation timeout
            log.warn(
                    "Could not release the reservation of {}:{}:{}: {}",
                    reservation.getTenantId(),
                    reservation.getModelName(),
                    reservation.getVersion(),
                    e.getMessage());
        }
    }

    /**
     * Waits (bounded) until this instance's global store shows the change: revision {@code revision} of the model
     * name, or, for a deletion, the version gone.
     */
    private void awaitVisible(ModelId id, long revision, boolean deletion) {
        Duration timeout = settings.commandTimeout();
        try {
            boolean visible = events.awaitUntil(
                    () -> {
                        var family = view.family(id.tenantId(), id.modelName());
                        return deletion
                                ? family.map(f -> f.getRevision() >= revision).orElse(true)
                                : family.map(f -> f.getRevision() >= revision).orElse(false);
                    },
                    timeout);
            if (!visible) {
                log.warn("Change of {} (revision {}) applied but not yet visible here after {}", id, revision, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The model kind if the artifact is in the product's format, else null (an opaque artifact). */
    private static @Nullable String kindOf(byte[] artifact) {
        try {
            return ModelArtifacts.readHeader(artifact, ArtifactCheck.sizeOnly(artifact.length))
                    .kind()
                    .id();
        } catch (ModelArtifactException e) {
            return null;
        }
    }

    private ModelStorage storage() {
        ModelStorage store = storage.getIfAvailable();
        if (store == null) {
            throw new StoreUnavailableException(
                    "Model storage not configured",
                    "no S3 endpoint is configured (AIHUB_S3_ENDPOINT): models cannot be registered",
                    60,
                    null);
        }
        return store;
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(HttpStatus.CONFLICT, "Model version conflict", detail, "version");
    }

    /** Writes metadata.json for a version. */
    interface MetadataWriter {
        byte[] write(ModelId id, ModelVersion model);
    }
}
