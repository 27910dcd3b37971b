package io.aihub.services.online;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OnlineKeysTest {

    @Test
    void shouldNameTheHourKeyAsTheReferenceDoesWithTheTimestampTruncatedToTheUtcHour() {
        assertThat(OnlineKeys.hourKey("tenant-123", "meter-001", Instant.parse("2025-10-09T14:35:12.345Z")))
                .isEqualTo("features:tenant-123:meter-001:2025-10-09T14:00:00Z");
        assertThat(OnlineKeys.hourKey("t", "a", Instant.parse("2025-10-09T14:00:00Z")))
                .isEqualTo("features:t:a:2025-10-09T14:00:00Z");
    }

    @Test
    void shouldScopeTheLatestKeyAndTheInvalidationPatternToOneAssetOfOneTenant() {
        assertThat(OnlineKeys.latestKey("tenant-123", "meter-001")).isEqualTo("features:tenant-123:meter-001:latest");
        assertThat(OnlineKeys.assetPattern("tenant-123", "meter-001")).isEqualTo("features:tenant-123:meter-001:*");
        assertThat(OnlineKeys.appliedField("power")).isEqualTo("power:applied");
    }
}
