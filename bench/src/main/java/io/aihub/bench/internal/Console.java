package io.aihub.bench.internal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps stdout for result JSON lines only. {@link #claimStdout()} must run first in {@code main}: it points
 * {@code System.out} at stderr, so whatever a library prints (log appenders, banners) ends up there, and keeps a
 * private stream on file descriptor 1 for {@link #result(Map)}.
 */
public final class Console {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static volatile PrintStream results = System.out;

    private Console() {}

    public static void claimStdout() {
        results = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
    }

    /**
     * Runs a harness as its {@code main} does and exits the JVM with the harness's status: 0 clean, 1 a failed check or
     * a crash (stack trace on stderr), 2 a bad command line (the message on stderr). Claims stdout first.
     */
    public static void runAndExit(String harness, String[] args, Harness body) {
        claimStdout();
        int status;
        try {
            status = body.run(Flags.parse(harness, args));
        } catch (Flags.UsageException e) {
            System.err.println(e.getMessage());
            status = 2;
        } catch (Exception e) {
            progress("FAILED: %s", e);
            e.printStackTrace(System.err);
            status = 1;
        }
        System.exit(status);
    }

    /** The body of a harness: reads its flags, runs, returns the exit status. */
    @FunctionalInterface
    public interface Harness {
        int run(Flags flags) throws Exception;
    }

    /** A progress line on stderr, with the wall-clock time. */
    public static void progress(String format, Object... args) {
        System.err.println("[bench " + LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + "] " + format.formatted(args));
    }

    /** One result object as one JSON line on stdout. */
    public static void result(Map<String, ?> fields) {
        results.println(JSON.writeValueAsString(fields));
        results.flush();
    }

    /** {@code value} rounded to 3 decimals, for JSON numbers a human reads. */
    public static double round3(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
