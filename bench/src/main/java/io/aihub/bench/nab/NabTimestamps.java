package io.aihub.bench.nab;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * NAB's timestamp text: {@code 2014-04-01 00:00:00} in data and result files, {@code 2014-04-10 07:15:00.000000} in
 * {@code combined_windows.json}; no zone, read and written as UTC.
 */
final class NabTimestamps {

    private static final DateTimeFormatter PARSER = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter();
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

    private NabTimestamps() {}

    /** Epoch milliseconds of a NAB timestamp; throws {@link DateTimeParseException} on other text. */
    static long parse(String text) {
        return LocalDateTime.parse(text.strip(), PARSER)
                .toInstant(ZoneOffset.UTC)
                .toEpochMilli();
    }

    /**
     * As pandas writes a {@code datetime64} column: {@code 2014-04-01 00:00:00}, or with six fraction digits for every
     * row when any row of the column has a sub-second part (NAB's data has none).
     */
    static String format(long epochMillis, boolean withMicros) {
        LocalDateTime time = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
        return (withMicros ? MICROS : SECONDS).format(time);
    }

    /** Whether pandas would write this column with microseconds. */
    static boolean needsMicros(long[] epochMillis) {
        for (long millis : epochMillis) {
            if (millis % 1000 != 0) {
                return true;
            }
        }
        return false;
    }
}
