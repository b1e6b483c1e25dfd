package io.mooring.chatops.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.mooring.chatops.RelayApi.Answer;
import io.mooring.chatops.RelayIT;
import io.mooring.chatops.route.Route;
import io.mooring.chatops.route.Routes;
import io.mooring.events.EventEnvelope;
import io.mooring.events.Topics;
import io.mooring.events.provisioning.AccountResumed;
import io.mooring.testing.EventTopics;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A targets file on the real Kafka and TLS Redis: its targets and routes are applied, read-only, and deliver; a relay
 * started without the file removes them.
 */
@MicronautTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TargetsFileIT extends RelayIT {
    @Inject
    TargetsFile file;

    @Inject
    Routes routes;

    @Inject
    TargetStore store;

    TargetsFileIT() {
        super("targets-file", Topics.PROVISIONING);
    }

    @Override
    protected void settings(Map<String, String> properties) {
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
        properties.put("mooring.chatops.delivery.rate-per-second", "100");
        properties.put("mooring.chatops.targets-file", path.toString());
    }

    @Test
    @Order(1)
    void theFilesTargetsAndRoutesAreAppliedOnceReadOnlyAndDeliver() {
        await().atMost(PATIENCE).until(file::applied);
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

    @Test
    @Order(2)
    void aRelayStartedWithoutTheFileRemovesItsTargetsAndRoutesPurgingTheirQueues() {
        await().atMost(PATIENCE).until(file::applied);
        Route apiRoute = new Route(UUID.randomUUID(), List.of("mooring.backups.*"), null, null, List.of(), List.of(),
                List.of("filed"), Route.API, java.time.Instant.now());
        routes.save(apiRoute);
        receiver.down("/filed/file-secret", 500);
        EventEnvelope held = EventTopics.envelope("provisioner", new AccountResumed("acct-" + UUID.randomUUID()));
        events.send(held);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.received("/filed/file-secret", held.id())).isNotEmpty());

        Map<String, Object> withoutFile = new HashMap<>(getProperties());
        withoutFile.remove("mooring.chatops.targets-file");
        try (ApplicationContext second = ApplicationContext.run(EmbeddedServer.class, withoutFile).getApplicationContext()) {
            await().atMost(PATIENCE).until(second.getBean(TargetsFile.class)::applied);
        }

        assertThat(store.find("filed")).as("the file's target").isEmpty();
        assertThat(routes.all()).as("the file's route is gone, the API's stays").extracting(Route::id)
                .containsExactly(apiRoute.id());
        assertThat(api.send("GET", "/v1/targets/filed", null, OPERATOR).code()).isEqualTo(404);
        JsonNode log = api.send("GET", "/v1/deliveries?eventId=" + held.id(), null, OPERATOR).json();
        assertThat(log.findValuesAsText("status")).as("the queued message is logged").contains("purged");
        assertThat(log.findValuesAsText("error")).contains("the relay started without a targets file");
        assertThat(api.send("GET", "/v1/targets/filed/queue", null, OPERATOR).code()).isEqualTo(404);
        routes.delete(apiRoute.id());
    }
}
