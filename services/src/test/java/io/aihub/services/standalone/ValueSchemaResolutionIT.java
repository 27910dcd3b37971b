package io.aihub.services.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.schemas.AggregateWindow;
import io.aihub.schemas.TelemetryReading;
import io.aihub.schemas.WindowAggregate;
import io.aihub.topology.Topics;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The value schemas resolved at start-up are held by the very serializers the topology writes with: once resolved, a
 * first record of any topic is written without the registry (here: after it has stopped), where a serializer that
 * was not prepared cannot write at all.
 */
class ValueSchemaResolutionIT {

    private static final Instant T = Instant.parse("2025-10-06T10:15:00Z");

    @TempDir
    Path work;

    @Test
    void shouldWriteEachTopicsFirstRecordWithoutTheRegistryOnceTheSchemasAreResolved() {
        // Given the topics' serdes against a registry of their own, their schemas resolved ahead
        Topics prepared;
        Topics unprepared;
        int resolved;
        try (var registry =
                ApicurioServer.inMemory(ApicurioArchive.locate(), work).start()) {
            prepared = Topics.of("vsr-", new ApicurioSerdes(registry.url())::value);
            unprepared = Topics.of("vsr-", new ApicurioSerdes(registry.url())::value);
            resolved = ApicurioSerdes.resolveValueSchemas(prepared);
        }

        // Then every topic but the dead-letter one (plain Avro, no registry) was resolved
        assertThat(resolved).isEqualTo(prepared.all().size() - 1);

        // When, the registry gone, each topic's first record is written
        byte[] reading = prepared.telemetry().valueSerde().serializer().serialize("vsr-telemetry", reading());
        byte[] hourly = prepared.featuresHourly().valueSerde().serializer().serialize("vsr-features-hourly", hourly());

        // Then it is written with the registry's id (magic byte, then the id), and every other schema is held too
        assertThat(reading).hasSizeGreaterThan(9).startsWith(0);
        assertThat(hourly).hasSizeGreaterThan(9).startsWith(0);
        assertThat(ApicurioSerdes.resolveValueSchemas(prepared)).isEqualTo(resolved);

        // While a serializer that resolved nothing ahead cannot write its first record
        assertThatThrownBy(
                        () -> unprepared.telemetry().valueSerde().serializer().serialize("vsr-telemetry", reading()))
                .isInstanceOf(RuntimeException.class);
    }

    private static TelemetryReading reading() {
        return new TelemetryReading("t1", "a1", "value", T, 42.0, 1, "kW");
    }

    private static WindowAggregate hourly() {
        return new WindowAggregate(
                "t1", "a1", "value", AggregateWindow.HOUR, T, T.plusSeconds(3600), 1.0, 0.5, 1.5, 0.25, 4L);
    }
}
