package io.aihub.bench.internal;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Waits until the JIT compilers of this JVM are quiet: a warm-up that ends when the code under load has been
 * compiled, not after a fixed time. Everything a harness measures (client, application instances, broker) runs in
 * this JVM, so its compilers are the ones that compete with the measured requests for the machine's cores: on two
 * cores a C2 compiler still busy half the time in a "measured" interval made the p99 of a local read 5.7 ms instead
 * of about 1.5 ms.
 */
public final class JitQuiet {

    /** Compilation time per second of wall time below which the compilers count as quiet (1 % of one core). */
    static final long QUIET_MILLIS_PER_SECOND = 10;

    /**
     * The share of a warm-up round's wall time below which its compilations count as settled (5 % of one core): the
     * JIT has compiled what the load runs, and what is left is occasional.
     */
    static final double SETTLED_SHARE = 0.05;

    /** One warm-up round under load. */
    @FunctionalInterface
    public interface Round {
        /** Runs round {@code number} (from 1) to its end. */
        void run(int number) throws InterruptedException;
    }

    private static final Duration STEP = Duration.ofSeconds(1);

    private final LongSupplier compiledMillis;

    private JitQuiet(LongSupplier compiledMillis) {
        this.compiledMillis = compiledMillis;
    }

    /** This JVM's compilers; fails if the JVM does not report compilation time. */
    public static JitQuiet ofThisJvm() {
        CompilationMXBean compilation = ManagementFactory.getCompilationMXBean();
        if (compilation == null || !compilation.isCompilationTimeMonitoringSupported()) {
            throw new IllegalStateException("this JVM does not report JIT compilation time");
        }
        return new JitQuiet(compilation::getTotalCompilationTime);
    }

    static JitQuiet of(LongSupplier compiledMillis) {
        return new JitQuiet(compiledMillis);
    }

    /** Total JIT compilation time so far, in milliseconds (all compiler threads). */
    public long compiledMillis() {
        return compiledMillis.getAsLong();
    }

    /**
     * Runs warm-up rounds until one during which the compilers worked less than {@value #SETTLED_SHARE} of its wall
     * time, or {@code maxRounds} have run: a warm-up that lasts as long as the JIT needs for this load, on this
     * machine, rather than a count tuned on one of them. Prints each round's compilation share.
     *
     * @return the rounds run
     */
    public int settle(String name, int maxRounds, Round round) throws InterruptedException {
        for (int number = 1; ; number++) {
            long compiledBefore = compiledMillis();
            long started = System.nanoTime();
            round.run(number);
            double wallMillis = Math.max(1, (System.nanoTime() - started) / 1e6);
            double share = (compiledMillis() - compiledBefore) / wallMillis;
            boolean settled = share < SETTLED_SHARE;
            Console.progress(
                    "%s round %d: %.1f s, JIT compiling %.0f %% of it%s",
                    name,
                    number,
                    wallMillis / 1e3,
                    share * 100,
                    settled ? " (settled)" : number == maxRounds ? " (not settled; measuring anyway)" : "");
            if (settled || number >= maxRounds) {
                return number;
            }
        }
    }

    /**
     * Sleeps in steps of one second until a step in which the compilers worked less than
     * {@value #QUIET_MILLIS_PER_SECOND} ms, or until {@code atMost} has passed.
     *
     * @return whether the compilers became quiet within {@code atMost}
     */
    public boolean await(Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        long before = compiledMillis();
        while (System.nanoTime() < deadline) {
            Thread.sleep(STEP);
            long now = compiledMillis();
            if (now - before < QUIET_MILLIS_PER_SECOND) {
                return true;
            }
            before = now;
        }
        return false;
    }
}
