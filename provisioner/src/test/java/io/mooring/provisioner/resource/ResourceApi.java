package io.mooring.provisioner.resource;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.mooring.events.ReceivedEvent;
import io.mooring.stack.ServerKind;
import io.mooring.testing.RealServersProperties;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** The provisioner's HTTP API as resource tests use it. */
final class ResourceApi {
    static final String OPERATOR = "resources-it-operator";
    static final String READER = "resources-it-reader";

    private final HttpClient client;
    private boolean hostRegistered;

    ResourceApi(HttpClient client) {
        this.client = client;
    }

    /** A new READY account on the small plan (1 database, 1 Redis namespace, 1 bucket, 2 sites). */
    String createAccount() {
        if (!hostRegistered) {
            post("/v1/hosts", Map.of("name", "big-" + suffix(), "datacenter", "par1", "cpuCores", 64,
                    "memoryMb", 4_000_000, "diskGb", 100_000));
            hostRegistered = true;
        }
        HttpResponse<Map> accepted = post("/v1/accounts", Map.of("name", "acct-" + suffix(), "plan", "small",
                "ownerEmail", "ops@example.org"));
        String accountId = (String) accepted.body().get("targetId");
        await().atMost(Duration.ofSeconds(30)).until(() -> "READY".equals(get("/v1/accounts/" + accountId).get("state")));
        return accountId;
    }

    HttpResponse<Map> requestResource(String accountId, Map<String, ?> body) {
        HttpResponse<Map> response = post("/v1/accounts/" + accountId + "/resources", body);
        assertThat(response.code()).isEqualTo(202);
        assertThat(response.header("Location")).isEqualTo("/v1/operations/" + response.body().get("id"));
        return response;
    }

    HttpResponse<Map> deleteResource(String accountId, String resourceId) {
        HttpResponse<Map> response = client.toBlocking().exchange(
                HttpRequest.DELETE("/v1/accounts/" + accountId + "/resources/" + resourceId).bearerAuth(OPERATOR), Map.class);
        assertThat(response.code()).isEqualTo(202);
        return response;
    }

    /**
     * Polls the operation until it ends and returns the response that first showed it ended (the
     * only one that can carry its one-time result).
     */
    Map<String, Object> awaitEnd(String location) {
        AtomicReference<Map<String, Object>> ended = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Map<String, Object> operation = get(location);
            if (!"RUNNING".equals(operation.get("state"))) {
                ended.set(operation);
                return true;
            }
            return false;
        });
        return ended.get();
    }

    /** Polls the operation with {@code token} until {@code condition} holds, and returns what satisfied it. */
    Map<String, Object> awaitOperation(String location, String token, Predicate<Map<String, Object>> condition) {
        AtomicReference<Map<String, Object>> seen = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            seen.set(get(location, token));
            return condition.test(seen.get());
        });
        return seen.get();
    }

    Map<String, Object> resource(String accountId, String resourceId) {
        return get("/v1/accounts/" + accountId + "/resources/" + resourceId);
    }

    List<Map> resources(String accountId) {
        return client.toBlocking().retrieve(HttpRequest.GET("/v1/accounts/" + accountId + "/resources").bearerAuth(OPERATOR),
                Argument.listOf(Map.class));
    }

    /** The problem answered to a request expected to fail. */
    HttpClientResponseException refused(String accountId, Map<String, ?> body) {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> post("/v1/accounts/" + accountId + "/resources", body));
        assertThat(e).as("request %s should be refused", body).isNotNull();
        return e;
    }

    HttpResponse<Map> post(String path, Object body) {
        return client.toBlocking().exchange(HttpRequest.POST(path, body).bearerAuth(OPERATOR), Map.class);
    }

    Map<String, Object> get(String path) {
        return get(path, OPERATOR);
    }

    Map<String, Object> get(String path, String token) {
        return client.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(token), Map.class);
    }

    /**
     * A provisioner on the shared servers of {@code kinds} with a fresh database, creating tenant
     * databases on {@code target} (its {@code mooring.provisioner.targets.postgres.*} settings): the two
     * tokens above, a fixed result key, a worker that looks for work every 100 ms, a free port.
     */
    static Map<String, String> properties(Map<String, String> target, ServerKind... kinds) {
        Map<String, String> properties = new HashMap<>(RealServersProperties.withFreshDatabase("provisioner", kinds));
        properties.putAll(target);
        properties.put("mooring.auth.operator-tokens", OPERATOR);
        properties.put("mooring.auth.read-tokens", READER);
        properties.put("mooring.provisioner.secret-key", Base64.getEncoder().encodeToString(new byte[32]));
        properties.put("mooring.provisioner.worker.poll-interval", "100ms");
        // the first requests wait for servers still warming up on a busy machine
        properties.put("micronaut.http.client.read-timeout", "60s");
        properties.put("micronaut.server.port", "-1");
        return properties;
    }

    static String body(HttpClientResponseException e) {
        return e.getResponse().getBody(String.class).orElse("");
    }

    /** Resource events of {@code resourceId}, in order. */
    static List<String> resourceEvents(List<ReceivedEvent> events, String accountId, String resourceId) {
        return events.stream()
                .filter(e -> accountId.equals(e.subject()) && e.type().startsWith("mooring.provisioning.resource."))
                .filter(e -> new String(e.rawData(), StandardCharsets.UTF_8).contains(resourceId))
                .map(ReceivedEvent::type)
                .toList();
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
