package io.aihub.topology.registry;

import static io.aihub.topology.registry.RegistryCommands.commit;
import static io.aihub.topology.registry.RegistryCommands.delete;
import static io.aihub.topology.registry.RegistryCommands.promote;
import static io.aihub.topology.registry.RegistryCommands.reserve;
import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.schemas.ModelFamily;
import io.aihub.schemas.ModelStage;
import io.aihub.schemas.ModelVersion;
import io.aihub.schemas.RegistryCommand;
import io.aihub.schemas.RegistryEventType;
import io.aihub.topology.registry.internal.RegistryStateMachine;
import io.aihub.topology.registry.internal.RegistryStateMachine.ReservationChange;
import io.aihub.topology.registry.internal.RegistryStateMachine.Result;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class RegistryStateMachineTest {

    private static final long NOW = 1_000_000L;

    /** The state of one model name plus its reservations, driven like the processor drives it. */
    private @Nullable ModelFamily family;

    private final Map<String, RegistryCommand> reservations = new HashMap<>();

    private Result apply(RegistryCommand command, long now) {
        var result = RegistryStateMachine.apply(family, reservations.get(command.getVersion()), command, now);
        switch (result.reservation()) {
            case PUT -> reservations.put(command.getVersion(), command);
            case REMOVE -> reservations.remove(command.getVersion());
            case KEEP -> {}
        }
        if (result.changed()) {
            family = result.family();
        }
        return result;
    }

    private Result register(String version, ModelStage stage) {
        var reservation = reserve(version, NOW + 60_000);
        assertThat(apply(reservation, NOW).reply().getStatus()).isEqualTo(200);
        return apply(commit(reservation, stage), NOW);
    }

    private ModelStage stageOf(String version) {
        return family.getVersions().stream()
                .filter(v -> v.getVersion().equals(version))
                .map(ModelVersion::getStage)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void shouldAddAVersionOnlyWhenItsReservationIsCommitted() {
        var reservation = reserve("v1.0.0", NOW + 60_000);

        var reserved = apply(reservation, NOW);
        assertThat(reserved.changed())
                .as("a reservation is not a registry record")
                .isFalse();
        assertThat(family).isNull();

        var committed = apply(commit(reservation, ModelStage.staging), NOW);
        assertThat(committed.reply().getStatus()).isEqualTo(201);
        assertThat(committed.changed()).isTrue();
        assertThat(family.getRevision()).isEqualTo(1);
        assertThat(family.getVersions()).extracting(ModelVersion::getVersion).containsExactly("v1.0.0");
        assertThat(family.getLastEvent().getType()).isEqualTo(RegistryEventType.REGISTERED);
        assertThat(reservations).isEmpty();
    }

    @Test
    void shouldRefuseACommitWithoutTheReservation() {
        var reservation = reserve("v1.0.0", NOW + 60_000);
        var result = apply(commit(reservation, ModelStage.staging), NOW);
        assertThat(result.reply().getStatus()).isEqualTo(409);
        assertThat(family).isNull();
    }

    @Test
    void shouldRefuseASecondReservationUntilTheFirstExpires() {
        apply(reserve("v1.0.0", NOW + 60_000), NOW);

        assertThat(apply(reserve("v1.0.0", NOW + 120_000), NOW).reply().getStatus())
                .isEqualTo(409);
        var late = reserve("v1.0.0", NOW + 200_000);
        assertThat(apply(late, NOW + 60_001).reply().getStatus()).isEqualTo(200);
        assertThat(reservations.get("v1.0.0")).isEqualTo(late);
    }

    @Test
    void shouldRefuseToRegisterAVersionTwice() {
        register("v1.0.0", ModelStage.staging);
        assertThat(apply(reserve("v1.0.0", NOW + 60_000), NOW).reply().getStatus())
                .isEqualTo(409);
    }

    @Test
    void shouldArchiveThePreviousProductionVersionInTheSameRecord() {
        register("v1.0.0", ModelStage.staging);
        register("v1.1.0", ModelStage.staging);
        apply(promote("v1.0.0", ModelStage.production), NOW);

        var result = apply(promote("v1.1.0", ModelStage.production), NOW + 5);

        assertThat(result.reply().getStatus()).isEqualTo(200);
        assertThat(result.reply().getPreviousStage()).isEqualTo(ModelStage.staging);
        assertThat(result.reply().getArchivedModelId()).isEqualTo("tenant-1:forecast-gbm:v1.0.0");
        assertThat(stageOf("v1.0.0")).isEqualTo(ModelStage.archived);
        assertThat(stageOf("v1.1.0")).isEqualTo(ModelStage.production);
        assertThat(family.getVersions().stream().filter(v -> v.getStage() == ModelStage.production))
                .hasSize(1);
        assertThat(family.getRevision()).isEqualTo(4);
    }

    @Test
    void shouldRegisterStraightIntoProductionArchivingThePrevious() {
        register("v1.0.0", ModelStage.production);
        var result = register("v2.0.0", ModelStage.production);
        assertThat(result.reply().getArchivedModelId()).isEqualTo("tenant-1:forecast-gbm:v1.0.0");
        assertThat(stageOf("v1.0.0")).isEqualTo(ModelStage.archived);
    }

    @Test
    void shouldAllowOnlyTheDocumentedTransitions() {
        for (ModelStage from : ModelStage.values()) {
            for (ModelStage to : ModelStage.values()) {
                boolean documented = (from == ModelStage.staging && to != ModelStage.staging)
                        || (from == ModelStage.production && to == ModelStage.archived);
                assertThat(RegistryStateMachine.allowed(from, to))
                        .as("%s -> %s", from, to)
                        .isEqualTo(documented);
            }
        }
        register("v1.0.0", ModelStage.staging);
        apply(promote("v1.0.0", ModelStage.archived), NOW);
        var refused = apply(promote("v1.0.0", ModelStage.production), NOW);
        assertThat(refused.reply().getStatus()).isEqualTo(400);
        assertThat(refused.reply().getMessage()).contains("archived -> production");
        assertThat(refused.changed()).isFalse();
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownVersion() {
        assertThat(apply(promote("v9.0.0", ModelStage.production), NOW).reply().getStatus())
                .isEqualTo(404);
        register("v1.0.0", ModelStage.staging);
        assertThat(apply(delete("v9.0.0", false), NOW).reply().getStatus()).isEqualTo(404);
    }

    @Test
    void shouldDeleteTheProductionVersionOnlyWithForce() {
        register("v1.0.0", ModelStage.production);
        register("v1.1.0", ModelStage.staging);

        assertThat(apply(delete("v1.0.0", false), NOW).reply().getStatus()).isEqualTo(400);
        var forced = apply(delete("v1.0.0", true), NOW);

        assertThat(forced.reply().getStatus()).isEqualTo(200);
        assertThat(forced.reply().getPreviousStage()).isEqualTo(ModelStage.production);
        assertThat(family.getVersions()).extracting(ModelVersion::getVersion).containsExactly("v1.1.0");
    }

    @Test
    void shouldKeepCountingRevisionsWhenTheLastVersionIsDeletedAndTheNameReused() {
        register("v1.0.0", ModelStage.staging);
        var result = apply(delete("v1.0.0", false), NOW);
        assertThat(result.changed()).isTrue();
        assertThat(result.family().getVersions()).isEmpty();
        assertThat(result.reply().getRevision()).isEqualTo(2);

        var again = register("v1.0.0", ModelStage.staging);
        assertThat(again.reply().getRevision())
                .as("a reader waiting for this registration cannot mistake the state before the deletion for it")
                .isEqualTo(3);
    }

    @Test
    void shouldAnswerARedeliveredCommandAgainWithoutApplyingItTwice() {
        register("v1.0.0", ModelStage.staging);
        var promotion = promote("v1.0.0", ModelStage.production);
        apply(promotion, NOW);
        long revision = family.getRevision();

        var again = apply(promotion, NOW + 10);

        assertThat(again.changed()).isFalse();
        assertThat(again.reply().getStatus()).isEqualTo(200);
        assertThat(again.reply().getPreviousStage()).isEqualTo(ModelStage.staging);
        assertThat(family.getRevision()).isEqualTo(revision);
    }

    @Test
    void shouldReleaseAReservationSoTheVersionCanBeRegisteredAgain() {
        var reservation = reserve("v1.0.0", NOW + 60_000);
        apply(reservation, NOW);
        var release = RegistryCommands.command(io.aihub.schemas.RegistryCommandType.RELEASE, "v1.0.0")
                .setReservationId(reservation.getCommandId())
                .build();
        assertThat(apply(release, NOW).reservation()).isEqualTo(ReservationChange.REMOVE);
        assertThat(apply(reserve("v1.0.0", NOW + 60_000), NOW).reply().getStatus())
                .isEqualTo(200);
    }
}
