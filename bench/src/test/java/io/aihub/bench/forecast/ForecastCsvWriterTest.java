package io.aihub.bench.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ForecastCsvWriterTest {

    @Test
    void shouldWriteTheDocumentedColumnsOneRowPerPoint() {
        var text = new StringWriter();

        try (var csv = new ForecastCsvWriter(text)) {
            csv.write(
                    Instant.parse("2017-06-30T23:00:00Z"),
                    Instant.parse("2017-07-01T00:00:00Z"),
                    30.25,
                    30.5,
                    33.0,
                    30.53);
            csv.write(
                    Instant.parse("2017-06-30T23:00:00Z"), Instant.parse("2017-07-01T01:00:00Z"), -1.5, 0.0, 1e-7, 2.0);
        }

        assertThat(text.toString())
                .isEqualTo("issued_at,target_time,p10,p50,p90,actual\n"
                        + "2017-06-30T23:00:00Z,2017-07-01T00:00:00Z,30.25,30.5,33.0,30.53\n"
                        + "2017-06-30T23:00:00Z,2017-07-01T01:00:00Z,-1.5,0.0,1.0E-7,2.0\n");
    }
}
