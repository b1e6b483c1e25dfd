package io.mooring.provisioner.testing;

import io.mooring.testing.ApiClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hosts and accounts for tests. Each test works in a datacenter of its own, so the hosts other
 * tests of the class registered never take its accounts.
 */
public final class Fixtures {
    private final ApiClient api;

    public Fixtures(ApiClient api) {
        this.api = api;
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Registers a host (8 cores, 500 GB) and returns its id. */
    public String host(String datacenter, long memoryMb) {
        return host(datacenter, memoryMb, Map.of());
    }

    public String host(String datacenter, long memoryMb, Map<String, String> labels) {
        ApiClient.Reply reply = api.post("/v1/hosts", Map.of("name", unique("h"), "datacenter", datacenter, "cpuCores", 8,
                "memoryMb", memoryMb, "diskGb", 500, "labels", labels));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.get("id");
    }

    /** Creates an account in {@code datacenter}, waits until it is READY and returns its id. */
    public String account(String datacenter, String plan) {
        return ready(createAccount(unique("a"), plan, datacenter));
    }

    /** Waits until the creation {@code accepted} answered succeeds, and returns the account's id. */
    public String ready(ApiClient.Reply accepted) {
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        Map<String, Object> operation = awaitEnd(accepted.header("Location"));
        assertThat(operation).as(operation.toString()).containsEntry("state", "SUCCEEDED");
        return accepted.get("targetId");
    }

    /** Polls the operation at {@code location} until it is no longer RUNNING, and returns it. */
    public Map<String, Object> awaitEnd(String location) {
        AtomicReference<Map<String, Object>> ended = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            ApiClient.Reply reply = api.get(location);
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            ended.set(reply.json());
            return !"RUNNING".equals(reply.json().get("state"));
        });
        return ended.get();
    }

    public ApiClient.Reply createAccount(String name, String plan, String datacenter) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "plan", plan, "ownerEmail", "ops@example.org"));
        if (datacenter != null) {
            body.put("placement", Map.of("datacenter", datacenter));
        }
        return api.post("/v1/accounts", body);
    }

    public Map<String, Object> account(String id) {
        ApiClient.Reply reply = api.get("/v1/accounts/" + id);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }
}
