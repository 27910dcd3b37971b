package io.aihub.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.bench.internal.Console;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A check run by hand, not in the build: RCF on all of {@code shared/data/nab-dev}, with the library's defaults and with
 * NAB's entry settings, printing one result line per setting and writing NAB result files under
 * {@code bench/target/nab-results}. Run it with
 * {@code mvn -pl bench -am verify -Djacoco.skip=true -DskipITs -Dtest=RcfNabDevCheckTest -Daihub.nab.rcf=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "aihub.nab.rcf", matches = "true")
class RcfNabDevCheckTest {

    @Test
    void scoreRcfOnNabDev() {
        NabCorpus corpus = NabFixtures.loadNabDev();
        NabScorer scorer = new NabScorer(corpus);
        for (Map.Entry<String, RcfDetector.Settings> named : List.of(
                Map.entry(RcfDetector.NAME, RcfDetector.Settings.libraryDefaults()),
                Map.entry(RcfDetector.NAME + "NabEntry", RcfDetector.Settings.nabEntry()))) {
            long start = System.nanoTime();
            Map<String, double[]> scores = new RcfDetector(named.getValue()).score(corpus);
            long millis = (System.nanoTime() - start) / 1_000_000;
            NabResults.writeAll(Path.of("target/nab-results"), named.getKey(), corpus, scores);
            NabResult result = scorer.score(named.getKey(), scores);
            Map<String, Object> fields = result.jsonFields();
            fields.put("settings", named.getValue().toString());
            fields.put("detect_ms", millis);
            Console.result(fields);
            for (NabProfileResult profile : result.profiles()) {
                for (NabFileScore file : profile.files()) {
                    Console.progress(
                            "%s %s %s score=%.4f %s",
                            named.getKey(), profile.profile().key(), file.relativePath(), file.score(), file.counts());
                }
            }
            assertThat(result.profiles()).hasSize(3);
        }
    }
}
