package io.aihub.bench.internal;

/**
 * The {@code main} of every harness: stdout kept for result lines ({@link Console#claimStdout()}), then the exit status
 * of the run, 2 for a bad command line (its message on stderr), 1 for a failure (its stack trace on stderr).
 */
public final class Harness {

    /** A harness's run: reads its flags, runs, and returns the exit status. */
    @FunctionalInterface
    public interface Run {
        int run(Flags flags) throws Exception;
    }

    private Harness() {}

    /** Runs {@code run} with the command line of the harness {@code name} and exits with its status. */
    public static void main(String name, String[] args, Run run) {
        Console.claimStdout();
        int status;
        try {
            status = run.run(Flags.parse(name, args));
        } catch (Flags.UsageException e) {
            System.err.println(e.getMessage());
            status = 2;
        } catch (Exception e) {
            Console.progress("FAILED: %s", e);
            e.printStackTrace(System.err);
            status = 1;
        }
        System.exit(status);
    }
}
