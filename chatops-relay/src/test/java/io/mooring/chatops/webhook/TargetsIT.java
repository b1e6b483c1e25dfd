package io.mooring.chatops.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.mooring.chatops.RelayApi;
import io.mooring.chatops.RelayApi.Answer;
import io.mooring.chatops.RelayIT;
import io.mooring.chatops.WebhookReceiver;
import io.mooring.chatops.route.Routes;
import io.mooring.events.EventEnvelope;
import io.mooring.events.Topics;
import io.mooring.events.provisioning.AccountResumed;
import io.mooring.testing.EventTopics;
import io.mooring.testing.HostileInputSweep;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /v1/targets} against the real Kafka and TLS Redis, with a real HTTP receiver: CRUD with write-only secrets,
 * validation, settings targets read-only, per-target rate, queue inspection and purge, deletion.
 */
@MicronautTest
class TargetsIT extends RelayIT {
    private static final String SECRET = "T000/B000/very-secret-token";

    @Inject
    EmbeddedServer server;

    @Inject
    TargetStore store;

    @Inject
    Routes routes;

    TargetsIT() {
        super("targets", Topics.PROVISIONING);
    }

    @Override
    protected void settings(Map<String, String> properties) {
        properties.put("micronaut.http.client.read-timeout", "30s");
        properties.put("mooring.chatops.delivery.rate-per-second", "100");
        properties.put("mooring.chatops.delivery.burst", "100");
        properties.put("mooring.chatops.delivery.backoff-initial", "200ms");
        properties.put("mooring.chatops.delivery.backoff-max", "1s");
        target(properties, 0, "ops", "generic", receiver.url("/ops"), "mooring.backups.");
    }

    @AfterEach
    void noTargetsLeft() {
        routes.all().forEach(r -> routes.delete(r.id()));
        store.all().forEach(t -> api.send("DELETE", "/v1/targets/" + t.name(), null, OPERATOR));
    }

    private String body(String name, String path, String extra) {
        return """
                {"name": "%s", "kind": "slack", "secrets": {"url": "%s"}, "eventTypes": ["mooring.provisioning."]%s}"""
                .formatted(name, receiver.url(path), extra);
    }

    @Test
    void createsListsReadsChangesAndDeletesTargetsWithoutShowingTheirSecrets() {
        Answer created = api.send("POST", "/v1/targets", body("team", "/team/" + SECRET,
                ", \"delivery\": {\"ratePerSecond\": 2.5, \"burst\": 1}"), OPERATOR);
        assertThat(created.code()).isEqualTo(201);
        assertThat(created.location()).isEqualTo("/v1/targets/team");
        JsonNode team = created.json();
        assertThat(team.get("source").asText()).isEqualTo("api");
        assertThat(team.get("secretSet").asBoolean()).isTrue();
        assertThat(team.get("secrets").get(0).asText()).isEqualTo("url");
        assertThat(team.get("host").asText()).isEqualTo(receiver.url("").substring("http://".length()));
        assertThat(team.get("delivery").get("ratePerSecond").asDouble()).isEqualTo(2.5);
        assertThat(created.body()).doesNotContain("very-secret-token").doesNotContain("/team/");

        Answer first = api.send("GET", "/v1/targets?limit=1", null, READER);
        assertThat(first.json().get("items").get(0).get("name").asText()).isEqualTo("ops");
        assertThat(first.json().get("items").get(0).get("source").asText()).isEqualTo("settings");
        Answer second = api.send("GET", "/v1/targets?limit=1&cursor=" + first.json().get("nextCursor").asText(), null, READER);
        assertThat(second.json().get("items").get(0).get("name").asText()).isEqualTo("team");
        assertThat(second.json().get("nextCursor").isNull()).isTrue();
        assertThat(second.body()).doesNotContain("very-secret-token");

        Answer patched = api.send("PATCH", "/v1/targets/team", "{\"delivery\": {\"groupWait\": \"PT30S\"}, "
                + "\"eventTypes\": [\"mooring.monitoring.\"]}", OPERATOR);
        assertThat(patched.code()).isEqualTo(200);
        assertThat(patched.json().get("delivery").get("groupWait").asText()).isEqualTo("30s");
        assertThat(patched.json().get("delivery").get("ratePerSecond").asDouble()).as("delivery is merged").isEqualTo(2.5);
        assertThat(patched.json().get("delivery").get("burst").asInt()).isEqualTo(1);
        assertThat(patched.json().get("secretSet").asBoolean()).as("secrets not given are kept").isTrue();
        assertThat(api.send("GET", "/v1/targets/team", null, READER).json().get("eventTypes").get(0).asText())
                .isEqualTo("mooring.monitoring.");
        JsonNode cleared = api.send(RelayApi.request("PATCH", "/v1/targets/team", "{\"delivery\": {\"ratePerSecond\": null}}",
                OPERATOR).contentType("application/merge-patch+json")).json().get("delivery");
        assertThat(cleared.get("ratePerSecond").isNull()).as("null clears a field to the global setting").isTrue();
        assertThat(cleared.get("burst").asInt()).isEqualTo(1);
        assertThat(cleared.get("groupWait").asText()).isEqualTo("30s");
        JsonNode none = api.send("PATCH", "/v1/targets/team", "{\"delivery\": null}", OPERATOR).json();
        assertThat(none.get("delivery").get("burst").isNull()).as("null delivery clears every field").isTrue();
        assertThat(none.get("delivery").get("groupWait").isNull()).isTrue();
        assertThat(none.get("eventTypes").get(0).asText()).isEqualTo("mooring.monitoring.");
        assertThat(api.send("PATCH", "/v1/targets/team", "{\"eventTypes\": null}", OPERATOR).json().get("eventTypes"))
                .as("null event types: all events").isEmpty();
        assertThat(api.send("PATCH", "/v1/targets/team", "{\"secrets\": {\"url\": null}}", OPERATOR).field())
                .as("a null secret is removed, and url is required").isEqualTo("secrets.url");
        assertThat(api.send("PATCH", "/v1/targets/team", "{\"delivery\": {\"burst\": \"many\"}}", OPERATOR).field())
                .isEqualTo("delivery.burst");
        assertThat(api.send("PATCH", "/v1/targets/team", "{\"colour\": \"red\"}", OPERATOR).field()).isEqualTo("colour");
        assertThat(api.send("PATCH", "/v1/targets/team", "{\"name\": \"other\"}", OPERATOR).field()).isEqualTo("name");
        assertThat(api.send("PATCH", "/v1/targets/team", "[]", OPERATOR).code()).isEqualTo(400);
        assertThat(api.send("GET", "/v1/targets/team", null, READER).json().get("secretSet").asBoolean())
                .as("refused patches change nothing").isTrue();

        assertThat(api.send("PATCH", "/v1/targets/ops", "{\"eventTypes\": []}", OPERATOR).code()).isEqualTo(409);
        assertThat(api.send("DELETE", "/v1/targets/ops", null, OPERATOR).code()).isEqualTo(409);
        assertThat(api.send("POST", "/v1/targets", body("ops", "/x", ""), OPERATOR).code()).as("a settings name").isEqualTo(409);
        assertThat(api.send("POST", "/v1/targets", body("team", "/x", ""), OPERATOR).code()).isEqualTo(409);
        assertThat(api.send("POST", "/v1/targets", body("other", "/x", ""), READER).code()).isEqualTo(403);

        assertThat(api.send("DELETE", "/v1/targets/team", null, OPERATOR).code()).isEqualTo(204);
        assertThat(api.send("GET", "/v1/targets/team", null, READER).code()).isEqualTo(404);
        assertThat(api.send("DELETE", "/v1/targets/team", null, OPERATOR).code()).isEqualTo(404);
    }

    @Test
    void badTargetsAreProblemsNamingTheFieldWithoutEchoingSecrets() {
        String url = receiver.url("/bad/" + SECRET);
        assertRefused("{\"kind\": \"slack\", \"secrets\": {\"url\": \"" + url + "\"}}", "name");
        assertRefused("{\"name\": \"Bad Name\", \"secrets\": {\"url\": \"" + url + "\"}}", "name");
        assertRefused("{\"name\": \"" + "n".repeat(10_000) + "\", \"secrets\": {\"url\": \"" + url + "\"}}", "name");
        assertRefused("{\"name\": \"x\", \"kind\": \"teams\", \"secrets\": {\"url\": \"" + url + "\"}}", "kind");
        assertRefused("{\"name\": \"x\", \"kind\": \"slack\"}", "secrets.url");
        assertRefused("{\"name\": \"x\", \"secrets\": {\"url\": \"ftp://files.example.org/" + SECRET + "\"}}", "secrets.url");
        assertRefused("{\"name\": \"x\", \"secrets\": {\"url\": \"https://user:" + SECRET + "@h.example.org/x\"}}", "secrets.url");
        assertRefused("{\"name\": \"x\", \"secrets\": {\"url\": \"not a url " + SECRET + "\"}}", "secrets.url");
        assertRefused("{\"name\": \"x\", \"secrets\": {\"url\": \"https://h.example.org/" + "a".repeat(10_000) + "\"}}",
                "secrets.url");
        assertRefused("{\"name\": \"x\", \"secrets\": {\"url\": \"" + url + "\", \"botToken\": \"" + SECRET + "\"}}",
                "secrets");
        assertRefused("{\"name\": \"x\", \"secrets\": {\"url\": \"" + url + "\"}, \"eventTypes\": [\"Bad Type\"]}",
                "eventTypes");
        assertRefused("{\"name\": \"x\", \"secrets\": {\"url\": \"" + url + "\"}, \"delivery\": {\"ratePerSecond\": 1000}}",
                "delivery.ratePerSecond");
        assertRefused("{\"name\": \"x\", \"secrets\": {\"url\": \"" + url + "\"}, \"delivery\": {\"burst\": 0}}",
                "delivery.burst");
        assertRefused("{\"name\": \"x\", \"secrets\": {\"url\": \"" + url + "\"}, \"delivery\": {\"groupWait\": \"2h\"}}",
                "delivery.groupWait");
        assertRefused("{\"name\": \"x\", \"secrets\": {\"url\": \"" + url + "\"}, \"delivery\": {\"giveUpAfter\": \"soon\"}}",
                "delivery.giveUpAfter");
        assertThat(store.all()).isEmpty();

        HostileInputSweep.against(server.getURI(), OPERATOR)
                .get("/v1/targets", "limit", "cursor")
                .get("/v1/targets/{name}")
                .get("/v1/targets/{name}/queue", "limit")
                .send("POST", "/v1/targets", "{\"name\": \"sweep\", \"kind\": \"generic\", \"secrets\": {\"url\": \""
                        + "https://127.0.0.1:1/hook\"}, \"eventTypes\": [\"mooring.none.\"], \"delivery\": "
                        + "{\"ratePerSecond\": 0.5, \"burst\": 2, \"groupWait\": \"5s\", \"giveUpAfter\": \"1h\"}}")
                .send("PATCH", "/v1/targets/{name}", "{\"eventTypes\": [\"mooring.none.\"]}")
                .run();
    }

    @Test
    void aCreateRepeatedWithItsIdempotencyKeyCreatesOneTarget() {
        String key = "target-" + UUID.randomUUID();
        Answer first = api.send(RelayApi.request("POST", "/v1/targets", body("again", "/again", ""), OPERATOR)
                .header("Idempotency-Key", key));
        Answer again = api.send(RelayApi.request("POST", "/v1/targets", body("again", "/again", ""), OPERATOR)
                .header("Idempotency-Key", key));
        assertThat(first.code()).isEqualTo(201);
        assertThat(again.code()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(store.all()).hasSize(1);
    }

    @Test
    void aTargetCreatedByTheApiGetsEventsAtItsOwnRate() {
        api.send("POST", "/v1/targets", body("paced", "/paced", ", \"delivery\": {\"ratePerSecond\": 2, \"burst\": 1}"),
                OPERATOR);
        List<EventEnvelope> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            EventEnvelope event = EventTopics.envelope("provisioner", new AccountResumed("acct-" + UUID.randomUUID()));
            events.send(event);
            sent.add(event);
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.received("/paced")).hasSize(5));
        List<WebhookReceiver.Received> got = receiver.received("/paced");
        assertThat(Duration.between(got.getFirst().at(), got.getLast().at()))
                .as("5 posts at 2 a second with a burst of 1, while the global rate is 100")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1800));
        assertThat(receiver.received("/ops")).as("ops wants backups only").isEmpty();
        assertThat(got).extracting(WebhookReceiver.Received::eventId)
                .as("events of different accounts, on different partitions").containsExactlyInAnyOrderElementsOf(sent.stream().map(e -> e.id().toString()).toList());
    }

    @Test
    void aQueueIsShownAndPurgedAndADeletedTargetsQueueIsRemovedEachMessageLogged() {
        receiver.down("/held", 500);
        api.send("POST", "/v1/targets", body("held", "/held", ""), OPERATOR);
        List<EventEnvelope> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            EventEnvelope event = EventTopics.envelope("provisioner", new AccountResumed("acct-" + UUID.randomUUID()));
            events.send(event);
            sent.add(event);
        }
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(api.send("GET", "/v1/targets/held/queue", null, READER).json().get("length").asLong()).isEqualTo(3));
        Answer queue = api.send("GET", "/v1/targets/held/queue?limit=2", null, READER);
        assertThat(queue.json().get("entries")).hasSize(2);
        assertThat(queue.json().get("entries").get(0).get("eventId").asText()).isEqualTo(sent.getFirst().id().toString());
        assertThat(queue.json().get("oldestAge").asText()).as("a duration as delivery's are written").matches("\\d+[smhd]");
        assertThat(queue.body()).doesNotContain("/held");
        assertThat(api.send("GET", "/v1/targets/held/queue?limit=101", null, READER).field()).isEqualTo("limit");

        Answer purged = api.send("DELETE", "/v1/targets/held/queue", null, OPERATOR);
        assertThat(purged.json().get("purged").asLong()).isEqualTo(3);
        assertThat(api.send("GET", "/v1/targets/held/queue", null, READER).json().get("length").asLong()).isZero();
        for (EventEnvelope event : sent) {
            JsonNode log = api.send("GET", "/v1/deliveries?eventId=" + event.id(), null, READER).json();
            assertThat(log.findValuesAsText("status")).as("each purged message is in the delivery log").contains("purged");
        }

        EventEnvelope later = EventTopics.envelope("provisioner", new AccountResumed("acct-" + UUID.randomUUID()));
        events.send(later);
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(api.send("GET", "/v1/targets/held/queue", null, READER).json().get("length").asLong()).isEqualTo(1));
        routes.save(new io.mooring.chatops.route.Route(UUID.randomUUID(), List.of("*"), null, null, List.of(), List.of(),
                List.of("held"), "api", java.time.Instant.now()));
        assertThat(api.send("DELETE", "/v1/targets/held", null, OPERATOR).code()).as("a route leads to it").isEqualTo(409);
        routes.all().forEach(r -> routes.delete(r.id()));
        assertThat(api.send("DELETE", "/v1/targets/held", null, OPERATOR).code()).isEqualTo(204);
        JsonNode log = api.send("GET", "/v1/deliveries?eventId=" + later.id(), null, READER).json();
        assertThat(log.findValuesAsText("status")).contains("purged");
        assertThat(log.findValuesAsText("error")).contains("target deleted");
        receiver.up("/held");
        int posts = receiver.received("/held").size();
        EventEnvelope afterDelete = EventTopics.envelope("provisioner", new AccountResumed("acct-" + UUID.randomUUID()));
        events.send(afterDelete);
        api.send("POST", "/v1/targets", body("witness", "/witness", ""), OPERATOR);
        EventEnvelope witnessed = EventTopics.envelope("provisioner", new AccountResumed("acct-" + UUID.randomUUID()));
        events.send(witnessed);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.received("/witness", witnessed.id())).hasSize(1));
        assertThat(receiver.received("/held")).as("a deleted target gets nothing more").hasSize(posts);
    }

    private void assertRefused(String body, String field) {
        Answer answer = api.send("POST", "/v1/targets", body, OPERATOR);
        assertThat(answer.code()).as(body.length() > 300 ? field : body).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.field()).as(body.length() > 300 ? field : body).isEqualTo(field);
        assertThat(answer.body()).doesNotContain("very-secret-token");
    }
}
