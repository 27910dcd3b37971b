package io.aihub.bench.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HourlyCsvTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadOneColumnWithLocalTimestampsAsUtc() throws IOException {
        Path file = Files.writeString(
                dir.resolve("ett.csv"), "date,HUFL,OT\n2016-07-01 00:00:00,41.1,38.6\n2016-07-01 01:00:00,37.5,37.1\n");

        HourlyCsv csv = HourlyCsv.read(file, "OT");

        assertThat(csv.epochMillis())
                .containsExactly(
                        Instant.parse("2016-07-01T00:00:00Z").toEpochMilli(),
                        Instant.parse("2016-07-01T01:00:00Z").toEpochMilli());
        assertThat(csv.values()).containsExactly(38.6, 37.1);
    }

    @Test
    void shouldNameTheFileAndColumnsWhenTheTargetIsMissing() throws IOException {
        Path file = Files.writeString(dir.resolve("ett.csv"), "date,HUFL\n2016-07-01 00:00:00,41.1\n");

        assertThatThrownBy(() -> HourlyCsv.read(file, "OT"))
                .isInstanceOf(ForecastDataException.class)
                .hasMessageContaining("ett.csv")
                .hasMessageContaining("[date, HUFL]");
    }
}
