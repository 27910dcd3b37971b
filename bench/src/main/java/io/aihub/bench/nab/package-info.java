/**
 * The Numenta Anomaly Benchmark (NAB) on the JVM: the corpus ({@link io.aihub.bench.nab.NabCorpus}), NAB's scoring
 * rules ({@link io.aihub.bench.nab.NabScorer}, a faithful port of NAB v1.1's {@code nab/sweeper.py},
 * {@code nab/optimizer.py}, {@code nab/scorer.py} and {@code nab/runner.py}), NAB-format result files
 * ({@link io.aihub.bench.nab.NabResults}) and the Random Cut Forest peer ({@link io.aihub.bench.nab.RcfDetector}). See
 * {@code bench/README-nab.md}.
 */
@NullMarked
package io.aihub.bench.nab;

import org.jspecify.annotations.NullMarked;
