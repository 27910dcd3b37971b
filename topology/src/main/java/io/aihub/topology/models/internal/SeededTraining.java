package io.aihub.topology.models.internal;

import io.aihub.topology.models.ModelTrainingException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import smile.math.MathEx;

/**
 * Runs a smile training deterministically for a seed.
 *
 * <p>smile 6.3 draws every random number from a per-thread generator ({@code MathEx}'s {@code ThreadLocal}), and
 * {@code MathEx.setSeed} seeds only the calling thread's. Its trainers use parallel streams (the isolation forest
 * builds its trees in {@code IntStream.range(0, ntrees).parallel()}, CART searches splits in parallel), whose tasks
 * run on whichever pool thread is free, each with its own, differently seeded, generator. So the training runs inside
 * a fresh {@link ForkJoinPool} limited to exactly one thread (parallel streams started on a pool's worker run in that
 * pool): the thread is seeded with {@code MathEx.setSeed(seed)} first, and then draws every number in an order fixed
 * by the work, not by timing.
 *
 * <p>Limit: how a parallel stream splits its range depends on the common pool's parallelism (the number of cores), so
 * on machines with another core count the isolation forest gets the same set of trees in another order; its scores
 * then agree to floating-point rounding of the sum of path lengths, not bit for bit.
 */
public final class SeededTraining {

    private SeededTraining() {}

    /**
     * Runs the training on one seeded thread and returns its result.
     *
     * @throws IllegalArgumentException if smile refused the input (message prefixed with {@code what})
     * @throws ModelTrainingException if the training failed otherwise, or the caller was interrupted
     */
    public static <T> T run(String what, long seed, Callable<T> training) {
        ForkJoinPool pool = new ForkJoinPool(
                1, SeededTraining::newThread, null, false, 0, 1, 1, saturated -> true, 10, TimeUnit.SECONDS);
        try {
            return pool.submit(() -> {
                        MathEx.setSeed(seed);
                        return training.call();
                    })
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelTrainingException("interrupted while training " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof IllegalArgumentException invalid) {
                throw new IllegalArgumentException(what + ": " + invalid.getMessage(), invalid);
            }
            throw new ModelTrainingException("training " + what + " failed: " + cause.getMessage(), cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private static ForkJoinWorkerThread newThread(ForkJoinPool pool) {
        ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        thread.setName("aihub-model-training");
        return thread;
    }
}
