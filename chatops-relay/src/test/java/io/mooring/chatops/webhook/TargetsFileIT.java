package io.mooring.chatops.webhook;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.chatops.RelayApi;
import io.mooring.chatops.RelayApi.Answer;
import io.mooring.chatops.WebhookReceiver;
import io.mooring.chatops.route.Route;
import io.mooring.chatops.route.Routes;
import io.mooring.events.EventEnvelope;
import io.mooring.events.Topics;
import io.mooring.events.provisioning.AccountResumed;
import io.mooring.stack.ServerKind;
import io.mooring.stack.Servers;
import io.mooring.testing.EventTopics;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A targets file on the real Kafka and TLS Redis: its targets and routes are applied, read-only, and deliver. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TargetsFileIT implements TestPropertyProvider {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String OPERATOR = "it-operator-token";

    private final WebhookReceiver receiver = new WebhookReceiver();
    private EventTopics events;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    TargetsFile file;

    @Inject
    Routes routes;

    @Inject
    TargetStore store;

    @Override
    public Map<String, String> getProperties() {
        Path path;
        try {
            path = Files.createTempFile("targets", ".yml");
            Files.writeString(path, """
                    targets:
                      - name: filed
                        kind: generic
                        secrets: {url: "%s"}
                        delivery: {groupWait: 0s}
                    routes:
                      - eventTypes: [mooring.provisioning.account.*]
                        targets: [filed]
                    """.formatted(receiver.url("/filed/file-secret")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> properties = new HashMap<>(Servers.properties(ServerKind.KAFKA, ServerKind.REDIS));
        properties.put("micronaut.server.port", "-1");
        properties.put("mooring.auth.operator-tokens", OPERATOR);
        properties.put("mooring.chatops.key-prefix", "it-targets-file-" + UUID.randomUUID());
        properties.put("mooring.chatops.delivery.rate-per-second", "100");
        properties.put("mooring.chatops.targets-file", path.toString());
        return properties;
    }

    @BeforeAll
    void topics() {
        events = new EventTopics().create(Topics.PROVISIONING);
    }

    @AfterAll
    void close() {
        events.close();
        receiver.close();
    }

    @Test
    void theFilesTargetsAndRoutesAreAppliedOnceReadOnlyAndDeliver() {
        await().atMost(PATIENCE).until(file::applied);
        RelayApi api = new RelayApi(http);
        Answer target = api.send("GET", "/v1/targets/filed", null, OPERATOR);
        assertThat(target.json().get("source").asText()).isEqualTo("file");
        assertThat(target.json().get("delivery").get("groupWait").asText()).isEqualTo("0s");
        assertThat(target.body()).doesNotContain("file-secret");
        List<Route> applied = routes.all();
        assertThat(applied).singleElement().satisfies(r -> assertThat(r.source()).isEqualTo("file"));

        file.apply();
        assertThat(routes.all()).as("applying the file again changes nothing").isEqualTo(applied);
        assertThat(store.find("filed").orElseThrow().updatedAt()).isEqualTo(
                java.time.Instant.parse(target.json().get("updatedAt").asText()));

        assertThat(api.send("PATCH", "/v1/targets/filed", "{\"eventTypes\": []}", OPERATOR).code()).isEqualTo(409);
        assertThat(api.send("DELETE", "/v1/targets/filed", null, OPERATOR).code()).isEqualTo(409);
        assertThat(api.send("DELETE", "/v1/routes/" + applied.getFirst().id(), null, OPERATOR).code()).isEqualTo(409);

        EventEnvelope resumed = EventTopics.envelope("provisioner", new AccountResumed("acct-" + UUID.randomUUID()));
        events.send(resumed);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.received("/filed/file-secret", resumed.id())).hasSize(1));
    }
}
