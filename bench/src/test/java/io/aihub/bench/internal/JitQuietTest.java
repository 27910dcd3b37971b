package io.aihub.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The warm-up's end: the first second in which the compilers worked less than the quiet threshold. */
class JitQuietTest {

    @Test
    void shouldWaitWhileTheCompilersWorkAndReturnOnTheFirstQuietSecond() throws InterruptedException {
        // 500 ms of compilation per read for three reads after the first, then none
        var reads = new AtomicLong();
        JitQuiet jit = JitQuiet.of(() -> {
            long read = reads.getAndIncrement();
            return Math.min(read, 3) * 500;
        });

        assertThat(jit.await(Duration.ofSeconds(30))).isTrue();
        assertThat(reads.get()).isEqualTo(5); // the first read, three busy seconds, one quiet second
    }

    @Test
    void shouldGiveUpAtTheLongestWarmUpWhenTheCompilersNeverRest() throws InterruptedException {
        var compiled = new AtomicLong();
        JitQuiet jit = JitQuiet.of(() -> compiled.addAndGet(JitQuiet.QUIET_MILLIS_PER_SECOND));

        assertThat(jit.await(Duration.ofMillis(2_500))).isFalse();
    }

    @Test
    void shouldRunRoundsUntilOneCompilesForLessThanItsSettledShare() throws InterruptedException {
        // each round lasts at least 100 ms and compiles 100, 50, 20, then 1 ms
        long[] perRound = {100, 50, 20, 1, 100};
        var compiled = new AtomicLong();
        JitQuiet jit = JitQuiet.of(compiled::get);

        int rounds = jit.settle("test", 10, number -> {
            Thread.sleep(100);
            compiled.addAndGet(perRound[number - 1]);
        });

        assertThat(rounds).isEqualTo(4);
    }

    @Test
    void shouldStopAtTheMostRoundsWhenTheCompilersNeverSettle() throws InterruptedException {
        var compiled = new AtomicLong();
        JitQuiet jit = JitQuiet.of(compiled::get);

        int rounds = jit.settle("test", 3, number -> {
            Thread.sleep(20);
            compiled.addAndGet(20); // as long as the round: 100 %
        });

        assertThat(rounds).isEqualTo(3);
    }

    @Test
    void shouldReadThisJvmsCompilationTime() {
        assertThat(JitQuiet.ofThisJvm().compiledMillis()).isNotNegative();
    }
}
