package io.aihub.topology.features.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.schemas.DeadLetterReason;
import io.aihub.topology.features.SeriesKey;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RejectionTest {

    @Test
    void shouldAcceptAKeyExactlyWhenItEqualsTheBuiltPartitionKey() {
        // brute force over short strings of a small alphabet that includes the separator
        var random = new Random(11);
        String alphabet = "ab:";
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            String tenant = word(random, alphabet);
            String asset = word(random, alphabet);
            String key = random.nextInt(4) == 0 ? tenant + ":" + asset : word(random, alphabet);
            boolean expected = key.equals(SeriesKey.partitionKey(tenant, asset));
            assertThat(Rejection.isPartitionKey(key, tenant, asset))
                    .as("%s vs %s, %s", key, tenant, asset)
                    .isEqualTo(expected);
            accepted += expected ? 1 : 0;
        }
        assertThat(accepted).isGreaterThan(40_000);
        assertThat(Rejection.isPartitionKey(null, "t", "a")).isFalse();
    }

    @Test
    void shouldNameTheExpectedKeyWhenTheKeyDoesNotMatch() {
        Rejection rejection = Rejection.ofIds("acme:meter-2", "acme", "meter-1", 0);

        assertThat(rejection).isNotNull();
        assertThat(rejection.code()).isEqualTo(DeadLetterReason.INVALID_KEY);
        assertThat(rejection.reason()).contains("'acme:meter-2'").contains("'acme:meter-1'");
        assertThat(Rejection.ofIds("acme:meter-1", "acme", "meter-1", 0)).isNull();
    }

    private static String word(Random random, String alphabet) {
        var word = new StringBuilder();
        for (int n = random.nextInt(4); n > 0; n--) {
            word.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return word.toString();
    }
}
