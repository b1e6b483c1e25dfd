package io.mooring.chatops.route;

import io.micronaut.http.MutableHttpRequest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.mooring.chatops.RelayApi;
import io.mooring.chatops.RelayApi.Answer;
import io.mooring.chatops.RelayIT;
import io.mooring.events.EventEnvelope;
import io.mooring.events.Topics;
import io.mooring.events.backups.BackupRunStarted;
import io.mooring.events.provisioning.AccountResumed;
import io.mooring.testing.EventTopics;
import io.mooring.testing.HostileInputSweep;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code /v1/routes} against the real Kafka and TLS Redis: CRUD, validation, idempotent creation, events routed. */
@MicronautTest
class RoutesIT extends RelayIT {
    @Inject
    EmbeddedServer server;

    @Inject
    Routes routes;

    RoutesIT() {
        super("routes", Topics.PROVISIONING, Topics.BACKUPS);
    }

    @Override
    protected void settings(Map<String, String> properties) {
        properties.put("mooring.chatops.delivery.rate-per-second", "100");
        target(properties, 0, "ops", "generic", receiver.url("/ops"), null);
        target(properties, 1, "oncall", "generic", receiver.url("/oncall"), null);
    }

    @AfterEach
    void noRoutesLeft() {
        routes.all().forEach(r -> routes.delete(r.id()));
    }

    @Test
    void createsListsInPagesReadsReplacesAndDeletesRoutes() {
        Answer created = send("POST", "/v1/routes", """
                {"eventTypes": ["mooring.monitoring.*"], "severities": ["critical"], "accountId": "a-1", "targets": ["oncall"]}""",
                OPERATOR);
        assertThat(created.code()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.location()).isEqualTo("/v1/routes/" + id);
        assertThat(created.json().get("targets").get(0).asText()).isEqualTo("oncall");
        String second = send("POST", "/v1/routes", """
                {"eventTypes": ["*"], "targets": ["ops", "oncall"]}""", OPERATOR).json().get("id").asText();

        Answer page = send("GET", "/v1/routes?limit=1", null, READER);
        assertThat(page.json().get("items")).hasSize(1);
        assertThat(page.json().get("items").get(0).get("id").asText()).isEqualTo(id);
        String cursor = page.json().get("nextCursor").asText();
        Answer next = send("GET", "/v1/routes?limit=1&cursor=" + cursor, null, READER);
        assertThat(next.json().get("items").get(0).get("id").asText()).isEqualTo(second);
        assertThat(next.json().get("nextCursor").isNull()).isTrue();

        Answer replaced = send("PUT", "/v1/routes/" + id, """
                {"eventTypes": ["mooring.backups.run.failed.v1"], "targets": ["ops"]}""", OPERATOR);
        assertThat(replaced.code()).isEqualTo(200);
        Answer read = send("GET", "/v1/routes/" + id, null, READER);
        assertThat(read.json().get("eventTypes").get(0).asText()).isEqualTo("mooring.backups.run.failed.v1");
        assertThat(read.json().get("accountId").isNull()).isTrue();
        assertThat(read.json().get("createdAt").asText()).isEqualTo(created.json().get("createdAt").asText());

        assertThat(send("DELETE", "/v1/routes/" + id, null, OPERATOR).code()).isEqualTo(204);
        assertThat(send("GET", "/v1/routes/" + id, null, READER).code()).isEqualTo(404);
        assertThat(send("DELETE", "/v1/routes/" + id, null, OPERATOR).code()).isEqualTo(404);
    }

    @Test
    void badRoutesAreProblemsNamingTheField() {
        assertRefused("{\"targets\": [\"ops\"]}", "eventTypes");
        assertRefused("{\"eventTypes\": [\"Mooring Events\"], \"targets\": [\"ops\"]}", "eventTypes");
        assertRefused("{\"eventTypes\": [\"*\"], \"targets\": [\"nowhere\"]}", "targets");
        assertRefused("{\"eventTypes\": [\"mooring.backups.*\", \"mooring.monitoring\"], \"targets\": [\"ops\"]}",
                "eventTypes[1]");
        assertThat(send("POST", "/v1/routes", "{\"eventTypes\": [\"mooring.\"], \"targets\": [\"ops\"]}", OPERATOR)
                .json().get("detail").asText()).isEqualTo("eventTypes[0]: 'mooring.' matches no event type; did you mean mooring.*?");
        assertRefused("{\"eventTypes\": [\"*\"], \"targets\": []}", "targets");
        assertRefused("{\"eventTypes\": [\"*\"], \"severities\": [\"bad\"], \"targets\": [\"ops\"]}", "severities");
        assertRefused("{\"eventTypes\": [\"*\"], \"accountId\": \" \", \"targets\": [\"ops\"]}", "accountId");
        assertThat(send("POST", "/v1/routes", "{\"eventTypes\": [\"*\"], \"targets\": [\"ops\"]}", READER).code())
                .isEqualTo(403);
        assertThat(routes.all()).isEmpty();
        HostileInputSweep.against(server.getURI(), OPERATOR)
                .get("/v1/routes", "limit", "cursor")
                .get("/v1/routes/{id}")
                .send("POST", "/v1/routes", "{\"eventTypes\": [\"*\"], \"accountId\": \"a-1\", \"targets\": [\"ops\"]}")
                .send("PUT", "/v1/routes/{id}", "{\"eventTypes\": [\"*\"], \"accountId\": \"a-1\", \"targets\": [\"ops\"]}")
                .run();
    }

    @Test
    void aCreateRepeatedWithItsIdempotencyKeyCreatesOneRoute() {
        String body = "{\"eventTypes\": [\"*\"], \"targets\": [\"ops\"]}";
        String key = "route-" + UUID.randomUUID();
        Answer first = send(RelayApi.request("POST", "/v1/routes", body, OPERATOR).header("Idempotency-Key", key));
        Answer again = send(RelayApi.request("POST", "/v1/routes", body, OPERATOR).header("Idempotency-Key", key));
        assertThat(again.code()).isEqualTo(201);
        assertThat(again.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        assertThat(routes.all()).hasSize(1);
    }

    @Test
    void onceThereAreRoutesEventsGoOnlyWhereTheyLead() {
        send("POST", "/v1/routes", "{\"eventTypes\": [\"mooring.provisioning.account.*\"], \"targets\": [\"oncall\"]}", OPERATOR);
        send("POST", "/v1/routes", "{\"eventTypes\": [\"mooring.backups.*\"], \"accountId\": \"acct-routed\", "
                + "\"targets\": [\"ops\"]}", OPERATOR);

        EventEnvelope resumed = EventTopics.envelope("provisioner", new AccountResumed("acct-" + UUID.randomUUID()));
        events.send(resumed);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.received("/oncall", resumed.id())).hasSize(1));
        EventEnvelope otherAccount = EventTopics.envelope("backup-service", new BackupRunStarted("p-1", "r-1", "acct-other"));
        events.send(otherAccount);
        EventEnvelope routed = EventTopics.envelope("backup-service", new BackupRunStarted("p-1", "r-2", "acct-routed"));
        events.send(routed);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.received("/ops", routed.id())).hasSize(1));

        // each was queued, or not, when it was consumed; ops's queue is in order, so what came before is settled
        assertThat(receiver.received("/ops", resumed.id())).as("account events lead to oncall only").isEmpty();
        assertThat(receiver.received("/ops", otherAccount.id())).as("another account's backups lead nowhere").isEmpty();
        assertThat(receiver.received("/oncall", routed.id())).isEmpty();
    }

    private void assertRefused(String body, String field) {
        Answer answer = send("POST", "/v1/routes", body, OPERATOR);
        assertThat(answer.code()).as(body).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.json().get("errors").get(0).get("field").asText()).as(body).isEqualTo(field);
    }

    private Answer send(String method, String path, String body, String token) {
        return api.send(method, path, body, token);
    }

    private Answer send(MutableHttpRequest<?> request) {
        return api.send(request);
    }
}
