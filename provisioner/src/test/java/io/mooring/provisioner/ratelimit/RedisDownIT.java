package io.mooring.provisioner.ratelimit;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.runtime.idempotency.IdempotentRequests;
import io.mooring.testing.ApiClient;
import io.mooring.provisioner.testing.Fixtures;
import io.mooring.provisioner.testing.ProvisionerProperties;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import static io.mooring.provisioner.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** Redis does not answer: rate limits fail open, idempotent creates are refused with 503, the rest works. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisDownIT implements TestPropertyProvider {
    private static final String TOKEN = "redis-down-it-operator";

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = ProvisionerProperties.with(TOKEN);
        properties.put("mooring.redis.uri", "rediss://127.0.0.1:" + closedPort());
        properties.put("mooring.provisioner.rate-limit.requests-per-minute", "1");
        return properties;
    }

    @Test
    void rateLimitsFailOpen() {
        ApiClient api = new ApiClient(client, TOKEN);
        for (int i = 0; i < 5; i++) {
            assertThat(api.get("/v1/plans").status()).isEqualTo(200);
        }
    }

    @Test
    void createsWorkWithoutAKeyAndAreRefusedWithOne() {
        ApiClient api = new ApiClient(client, TOKEN);
        Fixtures fixtures = new Fixtures(api);
        String datacenter = unique("dc");
        fixtures.host(datacenter, 8192);
        assertThat(fixtures.createAccount(unique("a"), "small", datacenter).status()).isEqualTo(202);

        ApiClient.Reply withKey = api.send(HttpRequest.POST("/v1/accounts", Map.of("name", unique("b"), "plan", "small",
                "ownerEmail", "ops@example.org")).header(IdempotentRequests.HEADER, "k-1"));

        assertThat(withKey.status()).isEqualTo(503);
        assertThat(withKey.problem()).isEqualTo("idempotency-unavailable");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
