package io.mooring.provisioner.ratelimit;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.testing.ApiClient;
import io.mooring.testing.MovableClock;
import io.mooring.provisioner.testing.ProvisionerProperties;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitIT implements TestPropertyProvider {
    // tokens of their own per run: the counters live in the shared Redis
    private static final String TOKEN = "rate-it-" + UUID.randomUUID();
    private static final String OTHER_TOKEN = "rate-it-other-" + UUID.randomUUID();

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    MovableClock clock;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = ProvisionerProperties.with(TOKEN + "," + OTHER_TOKEN);
        properties.put("test.clock", "movable");
        properties.put("mooring.provisioner.rate-limit.requests-per-minute", "5");
        return properties;
    }

    @BeforeEach
    void fifteenSecondsIntoAFreshMinute() {
        long nextMinute = (clock.instant().getEpochSecond() / 60 + 1) * 60;
        clock.set(Instant.ofEpochSecond(nextMinute + 15));
    }

    @Test
    void answers429WithRetryAfterOnceATokenUsedItsMinute() {
        ApiClient api = new ApiClient(client, TOKEN);
        for (int i = 0; i < 5; i++) {
            assertThat(api.get("/v1/plans").status()).as("request " + (i + 1)).isEqualTo(200);
        }

        ApiClient.Reply limited = api.get("/v1/plans");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("45");
        assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
        assertThat(limited.problem()).isEqualTo("rate-limited");
        assertThat(limited.get("detail")).contains("5 requests a minute");
        // writes count against the same budget
        assertThat(api.post("/v1/hosts", Map.of()).status()).isEqualTo(429);
    }

    @Test
    void eachTokenHasItsOwnBudgetAndItComesBackNextMinute() {
        ApiClient api = new ApiClient(client, TOKEN);
        for (int i = 0; i < 6; i++) {
            api.get("/v1/plans");
        }
        assertThat(api.get("/v1/plans").status()).isEqualTo(429);
        assertThat(api.as(OTHER_TOKEN).get("/v1/plans").status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(45));

        assertThat(api.get("/v1/plans").status()).isEqualTo(200);
    }

    @Test
    void publicPathsAndRefusedTokensAreNotCounted() {
        ApiClient anonymous = new ApiClient(client, null);
        for (int i = 0; i < 10; i++) {
            assertThat(anonymous.get("/health").status()).isNotEqualTo(429);
            assertThat(anonymous.get("/v1/plans").status()).isEqualTo(401);
        }
    }
}
