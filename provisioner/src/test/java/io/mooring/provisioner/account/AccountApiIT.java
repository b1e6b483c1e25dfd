package io.mooring.provisioner.account;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.runtime.testing.RealServersProperties;
import io.mooring.runtime.testing.TopicReader;
import io.mooring.stack.ServerKind;
import io.mooring.stack.Servers;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountApiIT implements TestPropertyProvider {
    private static final String TOKEN = "provisioner-it-operator";

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(
                RealServersProperties.withFreshDatabase("provisioner", ServerKind.KAFKA, ServerKind.POSTGRES));
        properties.put("mooring.auth.operator-tokens", TOKEN);
        return properties;
    }

    @Test
    void createsAnAccountOnAHostAndAnnouncesItReady() {
        Map<?, ?> host = post("/v1/hosts", Map.of("name", "h-" + suffix(), "datacenter", "par1", "cpuCores", 8,
                "memoryMb", 16384, "diskGb", 500, "labels", Map.of("disk", "ssd")), Map.class).body();
        String name = "acme-" + suffix();

        HttpResponse<Map> accepted = post("/v1/accounts", Map.of("name", name, "plan", "small", "ownerEmail", "ops@acme.example"), Map.class);
        assertThat(accepted.code()).isEqualTo(202);
        String location = accepted.header("Location");
        assertThat(location).startsWith("/v1/operations/");
        Map<?, ?> operation = get(location);
        assertThat(operation.get("state")).isEqualTo("SUCCEEDED");
        String accountId = (String) operation.get("targetId");

        Map<?, ?> account = get("/v1/accounts/" + accountId);
        assertThat(account.get("state")).isEqualTo("READY");
        assertThat(account.get("name")).isEqualTo(name);

        try (TopicReader reader = new TopicReader(Servers.kafka().bootstrapServers(), Topics.PROVISIONING)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> ofSubject(reader.events(), accountId).size() >= 3);
            List<ReceivedEvent> events = ofSubject(reader.events(), accountId);
            assertThat(events).extracting(ReceivedEvent::type).containsExactly(
                    "mooring.provisioning.account.requested.v1", "mooring.provisioning.account.placed.v1",
                    "mooring.provisioning.account.ready.v1");
            AccountReady ready = events.get(2).dataAs(AccountReady.class).orElseThrow();
            assertThat(ready.hostId()).isEqualTo(host.get("id"));
            assertThat(ready.plan()).isEqualTo("small");
        }
    }

    @Test
    void refusesAnAccountNoHostCanTakeAndLeavesNothingBehind() {
        post("/v1/hosts", Map.of("name", "tiny-" + suffix(), "datacenter", "par1", "cpuCores", 1,
                "memoryMb", 256, "diskGb", 10), Map.class);
        // fill every host: 'medium' needs 2048 MB; keep creating until the platform is full
        String name = "big-" + suffix();
        HttpClientResponseException refused = null;
        String refusedName = null;
        for (int i = 0; i < 50 && refused == null; i++) {
            String attempt = name + "-" + i;
            refused = catchThrowableOfType(HttpClientResponseException.class, () ->
                    post("/v1/accounts", Map.of("name", attempt, "plan", "medium", "ownerEmail", "ops@example.org"), Map.class));
            refusedName = attempt;
        }
        assertThat(refused).isNotNull();
        assertThat(refused.code()).isEqualTo(409);
        assertThat(refused.getResponse().getBody(String.class).orElse(""))
                .contains("urn:mooring:problem:no-capacity").contains("memory");
        List<Map> accounts = client.toBlocking().retrieve(HttpRequest.GET("/v1/accounts").bearerAuth(TOKEN), Argument.listOf(Map.class));
        assertThat(accounts).extracting(a -> a.get("name")).isNotEmpty().doesNotContain(refusedName);
        assertThat(accounts).extracting(a -> a.get("state")).doesNotContain("REQUESTED");
    }

    @Test
    void rejectsBadInputNamingTheField() {
        assertBadRequest(Map.of("name", "Not A Label", "plan", "small", "ownerEmail", "ops@example.org"), "name");
        assertBadRequest(Map.of("name", "ok-name", "plan", "small", "ownerEmail", "not-an-email"), "ownerEmail");
        assertBadRequest(Map.of("name", "ok-name", "plan", "gigantic", "ownerEmail", "ops@example.org"), "plan");
        assertBadRequest(Map.of("name", "ok-name", "plan", "small", "ownerEmail", "ops@example.org", "colour", "red"), "colour");
    }

    @Test
    void refusesADuplicateName() {
        post("/v1/hosts", Map.of("name", "dup-host-" + suffix(), "datacenter", "par1", "cpuCores", 8,
                "memoryMb", 65536, "diskGb", 500), Map.class);
        String name = "dup-" + suffix();
        post("/v1/accounts", Map.of("name", name, "plan", "small", "ownerEmail", "ops@example.org"), Map.class);
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class, () ->
                post("/v1/accounts", Map.of("name", name, "plan", "small", "ownerEmail", "ops@example.org"), Map.class));
        assertThat(e.code()).isEqualTo(409);
        assertThat(e.getResponse().getBody(String.class).orElse("")).contains("urn:mooring:problem:account-exists");
    }

    private void assertBadRequest(Map<String, Object> body, String field) {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class, () ->
                post("/v1/accounts", body, Map.class));
        assertThat(e.code()).as(field).isEqualTo(400);
        assertThat(e.getResponse().getBody(String.class).orElse("")).as(field).contains(field);
    }

    private <T> HttpResponse<T> post(String path, Object body, Class<T> type) {
        return client.toBlocking().exchange(HttpRequest.POST(path, body).bearerAuth(TOKEN), type);
    }

    private Map<?, ?> get(String path) {
        return client.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(TOKEN), Map.class);
    }

    private static List<ReceivedEvent> ofSubject(List<ReceivedEvent> events, String subject) {
        return events.stream().filter(e -> subject.equals(e.subject())).toList();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
