package io.aihub.topology.registry.internal;

import io.aihub.schemas.ModelFamily;
import io.aihub.schemas.ModelStage;
import io.aihub.schemas.ModelVersion;
import io.aihub.schemas.RegistryCommand;
import io.aihub.schemas.RegistryEvent;
import io.aihub.schemas.RegistryEventType;
import io.aihub.schemas.RegistryReply;
import io.aihub.topology.registry.ModelId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The registry's rules, as a pure function of (state of one model name, open reservation of the version, command,
 * wall clock). Applied by one task per model name, one command at a time, so two concurrent promotes of a model
 * name have a first and a second, and a promote to production archives the previous production version in the same
 * record: no reader ever sees two production versions or none in between.
 *
 * <p>Transitions: staging -> production, production -> archived, staging -> archived; anything else is refused
 * with 400. Deleting the production version needs {@code force}. A version is added only by a COMMIT that holds
 * the version's reservation, taken by a RESERVE before the artifact was uploaded, so a registry record never points
 * at an artifact that is not (completely) in the store.
 */
public final class RegistryStateMachine {

    private RegistryStateMachine() {}

    /** What applying a command does to the reservation of its version. */
    public enum ReservationChange {
        KEEP,
        PUT,
        REMOVE
    }

    /**
     * The outcome: the model name's state after the command (with no versions once its last version is deleted:
     * the writer keeps it so that revisions keep increasing, the registry topic gets a tombstone), whether it
     * changed (then it is written to the registry topic), what happens to the reservation, the reply.
     */
    public record Result(
            @Nullable ModelFamily family, boolean changed, ReservationChange reservation, RegistryReply reply) {}

    public static Result apply(
            @Nullable ModelFamily family, @Nullable RegistryCommand reservation, RegistryCommand command, long now) {
        if (family != null && family.getLastEvent().getCommandId().equals(command.getCommandId())) {
            // the command was applied before (at-least-once redelivery): answer it again, change nothing
            return unchanged(family, ReservationChange.KEEP, replayedReply(family, command, now));
        }
        var id = new ModelId(command.getTenantId(), command.getModelName(), command.getVersion());
        return switch (command.getType()) {
            case RESERVE -> reserve(family, reservation, command, id, now);
            case COMMIT -> commit(family, reservation, command, id, now);
            case RELEASE -> release(family, reservation, command, now);
            case PROMOTE -> promote(family, command, id, now);
            case DELETE -> delete(family, command, id, now);
        };
    }

    private static Result reserve(
            @Nullable ModelFamily family,
            @Nullable RegistryCommand reservation,
            RegistryCommand command,
            ModelId id,
            long now) {
        if (find(family, id.version()) != null) {
            return unchanged(
                    family,
                    ReservationChange.KEEP,
                    reply(command, 409, "Model " + id + " is already registered", family, null, now));
        }
        if (reservation != null
                && !reservation.getCommandId().equals(command.getCommandId())
                && expiresAt(reservation) > now) {
            return unchanged(
                    family,
                    ReservationChange.KEEP,
                    reply(command, 409, "Model " + id + " is being registered by another request", family, null, now));
        }
        return unchanged(family, ReservationChange.PUT, reply(command, 200, "Reserved " + id, family, null, now));
    }

    private static Result commit(
            @Nullable ModelFamily family,
            @Nullable RegistryCommand reservation,
            RegistryCommand command,
            ModelId id,
            long now) {
        ModelVersion model = command.getModel();
        if (model == null) {
            return unchanged(
                    family, ReservationChange.KEEP, reply(command, 400, "COMMIT without a model", family, null, now));
        }
        if (find(family, id.version()) != null) {
            return unchanged(
                    family,
                    ReservationChange.KEEP,
                    reply(command, 409, "Model " + id + " is already registered", family, null, now));
        }
        if (reservation == null || !reservation.getCommandId().equals(command.getReservationId())) {
            return unchanged(
                    family,
                    ReservationChange.KEEP,
                    reply(
                            command,
                            409,
                            "The reservation of " + id + " expired and was taken by another request",
                            family,
                            null,
                            now));
        }
        var versions = new ArrayList<ModelVersion>(family == null ? List.of() : family.getVersions());
        // registered_at is the time the registering instance wrote into metadata.json: kept as sent
        var added = model;
        String archived = added.getStage() == ModelStage.production ? archiveProduction(versions, id, now) : null;
        versions.add(added);
        var event = event(command, RegistryEventType.REGISTERED, id, null, added.getStage(), archived, now);
        var next = next(family, id, versions, event);
        var reply = reply(command, 201, "Model registered successfully", next, added, now);
        reply.setArchivedModelId(archived);
        return new Result(next, true, ReservationChange.REMOVE, reply);
    }

    private static Result release(
            @Nullable ModelFamily family, @Nullable RegistryCommand reservation, RegistryCommand command, long now) {
        if (reservation != null && reservation.getCommandId().equals(command.getReservationId())) {
            return unchanged(family, ReservationChange.REMOVE, reply(command, 200, "Released", family, null, now));
        }
        return unchanged(family, ReservationChange.KEEP, reply(command, 200, "Nothing to release", family, null, now));
    }

    private static Result promote(@Nullable ModelFamily family, RegistryCommand command, ModelId id, long now) {
        ModelVersion current = find(family, id.version());
        if (family == null || current == null) {
            return unchanged(
                    family,
                    ReservationChange.KEEP,
                    reply(command, 404, "Model " + id + " not found", family, null, now));
        }
        ModelStage from = current.getStage();
        ModelStage to = Objects.requireNonNull(command.getTargetStage(), "target_stage");
        if (!allowed(from, to)) {
            var refused = reply(
                    command,
                    400,
                    "Invalid stage transition: " + from + " -> " + to
                            + " (allowed: staging -> production, production -> archived, staging -> archived)",
                    family,
                    current,
                    now);
            refused.setPreviousStage(from);
            return unchanged(family, ReservationChange.KEEP, refused);
        }
        var versions = new ArrayList<ModelVersion>(family.getVersions());
        String archived = to == ModelStage.production ? archiveProduction(versions, id, now) : null;
        ModelVersion promoted = null;
        for (int i = 0; i < versions.size(); i++) {
            if (versions.get(i).getVersion().equals(id.version())) {
                promoted = ModelVersion.newBuilder(versions.get(i))
                        .setStage(to)
                        .setStageChangedAt(Instant.ofEpochMilli(now))
                        .build();
                versions.set(i, promoted);
            }
        }
        var event = event(command, RegistryEventType.PROMOTED, id, from, to, archived, now);
        var next = next(family, id, versions, event);
        var reply = reply(command, 200, "Model promoted successfully", next, promoted, now);
        reply.setPreviousStage(from);
        reply.setArchivedModelId(archived);
        return new Result(next, true, ReservationChange.KEEP, reply);
    }

    private static Result delete(@Nullable ModelFamily family, RegistryCommand command, ModelId id, long now) {
        ModelVersion current = find(family, id.version());
        if (family == null || current == null) {
            return unchanged(
                    family,
                    ReservationChange.KEEP,
                    reply(command, 404, "Model " + id + " not found", family, null, now));
        }
        if (current.getStage() == ModelStage.production && !command.getForce()) {
            var refused = reply(
                    command, 400, "Cannot delete production model " + id + " without force=true", family, current, now);
            refused.setPreviousStage(current.getStage());
            return unchanged(family, ReservationChange.KEEP, refused);
        }
        var versions = new ArrayList<ModelVersion>(family.getVersions());
        versions.removeIf(v -> v.getVersion().equals(id.version()));
        var event = event(command, RegistryEventType.DELETED, id, current.getStage(), null, null, now);
        // an empty state is kept by the writer (the topic gets a tombstone), so revisions never go back
        ModelFamily next = next(family, id, versions, event);
        var reply = reply(command, 200, "Model deleted successfully", next, null, now);
        reply.setPreviousStage(current.getStage());
        return new Result(next, true, ReservationChange.KEEP, reply);
    }

    /** The transitions the registry allows. */
    public static boolean allowed(ModelStage from, ModelStage to) {
        return switch (from) {
            case staging -> to == ModelStage.production || to == ModelStage.archived;
            case production -> to == ModelStage.archived;
            case archived -> false;
        };
    }

    /** Archives the production version(s) other than {@code id}; returns the id of the one archived. */
    private static @Nullable String archiveProduction(List<ModelVersion> versions, ModelId id, long now) {
        String archived = null;
        for (int i = 0; i < versions.size(); i++) {
            ModelVersion version = versions.get(i);
            if (version.getStage() == ModelStage.production
                    && !version.getVersion().equals(id.version())) {
                versions.set(
                        i,
                        ModelVersion.newBuilder(version)
                                .setStage(ModelStage.archived)
                                .setStageChangedAt(Instant.ofEpochMilli(now))
                                .build());
                archived = new ModelId(id.tenantId(), id.modelName(), version.getVersion()).toString();
            }
        }
        return archived;
    }

    private static @Nullable ModelVersion find(@Nullable ModelFamily family, String version) {
        if (family == null) {
            return null;
        }
        for (ModelVersion candidate : family.getVersions()) {
            if (candidate.getVersion().equals(version)) {
                return candidate;
            }
        }
        return null;
    }

    private static long expiresAt(RegistryCommand reservation) {
        Instant expires = reservation.getExpiresAt();
        return expires == null ? Long.MAX_VALUE : expires.toEpochMilli();
    }

    private static ModelFamily next(
            @Nullable ModelFamily family, ModelId id, List<ModelVersion> versions, RegistryEvent event) {
        return ModelFamily.newBuilder()
                .setTenantId(id.tenantId())
                .setModelName(id.modelName())
                .setRevision(family == null ? 1 : family.getRevision() + 1)
                .setVersions(List.copyOf(versions))
                .setLastEvent(event)
                .build();
    }

    private static RegistryEvent event(
            RegistryCommand command,
            RegistryEventType type,
            ModelId id,
            @Nullable ModelStage from,
            @Nullable ModelStage to,
            @Nullable String archived,
            long now) {
        return RegistryEvent.newBuilder()
                .setCommandId(command.getCommandId())
                .setType(type)
                .setModelId(id.toString())
                .setFromStage(from)
                .setToStage(to)
                .setArchivedModelId(archived)
                .setReason(command.getReason())
                .setAt(Instant.ofEpochMilli(now))
                .build();
    }

    private static Result unchanged(@Nullable ModelFamily family, ReservationChange reservation, RegistryReply reply) {
        return new Result(family, false, reservation, reply);
    }

    private static RegistryReply reply(
            RegistryCommand command,
            int status,
            String message,
            @Nullable ModelFamily family,
            @Nullable ModelVersion model,
            long now) {
        return RegistryReply.newBuilder()
                .setCommandId(command.getCommandId())
                .setStatus(status)
                .setMessage(message)
                .setRevision(family == null ? 0 : family.getRevision())
                .setModel(model)
                .setAt(Instant.ofEpochMilli(now))
                .build();
    }

    private static RegistryReply replayedReply(ModelFamily family, RegistryCommand command, long now) {
        RegistryEvent event = family.getLastEvent();
        ModelVersion model = find(family, command.getVersion());
        int status = event.getType() == RegistryEventType.REGISTERED ? 201 : 200;
        String message = switch (event.getType()) {
            case REGISTERED -> "Model registered successfully";
            case PROMOTED -> "Model promoted successfully";
            case DELETED -> "Model deleted successfully";
        };
        var reply = reply(command, status, message, family, model, now);
        reply.setPreviousStage(event.getFromStage());
        reply.setArchivedModelId(event.getArchivedModelId());
        return reply;
    }
}
