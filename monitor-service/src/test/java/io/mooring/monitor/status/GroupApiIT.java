package io.mooring.monitor.status;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.monitor.TestServers;
import io.mooring.testing.ApiClient;
import io.mooring.testing.ApiClient.Reply;
import io.mooring.testing.HostileInputSweep;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.mooring.monitor.TestServers.OPERATOR_TOKEN;
import static io.mooring.monitor.TestServers.READ_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/** The groups API over real HTTP against real Postgres (and Redis for idempotency keys). */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupApiIT implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = TestServers.properties(getClass());
        properties.put("mooring.scheduler.enabled", "false");
        return properties;
    }

    @BeforeAll
    void connect() {
        api = new ApiClient(HttpClient.create(server.getURL()), null);
    }

    @Test
    void createsAPrivateGroupByDefaultChangesAndDeletesIt() {
        String name = "core-" + UUID.randomUUID();
        Reply created = api.as(OPERATOR_TOKEN).post("/v1/groups", """
                {"name": "%s", "description": "Web and API"}""".formatted(name));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.tree().get("id").asText();
        assertThat(created.location()).contains("/v1/groups/" + id);
        assertThat(created.tree().get("public").asBoolean()).isFalse();
        assertThat(created.tree().get("order").asInt()).isZero();
        assertThat(created.tree().get("monitorCount").asInt()).isZero();

        Reply changed = api.as(OPERATOR_TOKEN).send(HttpRequest.PATCH("/v1/groups/" + id, """
                {"public": true, "order": 3, "description": ""}"""));
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(changed.tree().get("public").asBoolean()).isTrue();
        assertThat(changed.tree().get("order").asInt()).isEqualTo(3);
        assertThat(changed.tree().get("name").asText()).isEqualTo(name);
        assertThat(changed.tree().has("description") && !changed.tree().get("description").isNull()).isFalse();
        assertThat(api.as(READ_TOKEN).get("/v1/groups/" + id).tree().get("public").asBoolean()).isTrue();

        assertThat(api.as(OPERATOR_TOKEN).delete("/v1/groups/" + id).status()).isEqualTo(204);
        Reply gone = api.as(READ_TOKEN).get("/v1/groups/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.contentType()).startsWith("application/problem+json");
        assertThat(api.as(OPERATOR_TOKEN).delete("/v1/groups/" + id).status()).isEqualTo(404);
    }

    @Test
    void refusesASecondGroupOfTheSameNameAndAReadTokenChangingAnything() {
        String name = "dup-" + UUID.randomUUID();
        assertThat(api.as(OPERATOR_TOKEN).post("/v1/groups", "{\"name\": \"" + name + "\"}").status()).isEqualTo(201);

        Reply again = api.as(OPERATOR_TOKEN).post("/v1/groups", "{\"name\": \"" + name + "\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.problem()).contains("group-exists");
        assertThat(api.as(READ_TOKEN).post("/v1/groups", "{\"name\": \"other-" + name + "\"}").status()).isEqualTo(403);
    }

    @Test
    void replaysACreateWithTheSameIdempotencyKey() {
        String key = "group-" + UUID.randomUUID();
        String body = "{\"name\": \"replayed-" + UUID.randomUUID() + "\", \"public\": true}";

        Reply first = api.as(OPERATOR_TOKEN).send(HttpRequest.POST("/v1/groups", body).header("Idempotency-Key", key));
        Reply again = api.as(OPERATOR_TOKEN).send(HttpRequest.POST("/v1/groups", body).header("Idempotency-Key", key));
        Reply other = api.as(OPERATOR_TOKEN).send(HttpRequest.POST("/v1/groups", body.replace("replayed-", "other-"))
                .header("Idempotency-Key", key));

        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.tree().get("id")).isEqualTo(first.tree().get("id"));
        assertThat(other.status()).isEqualTo(422);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"name\": \"\"}|name",
            "{\"name\": \"   \"}|name",
            "{\"description\": \"x\"}|name",
            "{\"name\": \"a\", \"order\": -1}|order",
            "{\"name\": \"a\", \"order\": 1000001}|order",
            "{\"name\": \"a\", \"public\": \"yes\"}|public",
    })
    void refusesBadInputNamingTheField(String body, String field) {
        Reply refused = api.as(OPERATOR_TOKEN).post("/v1/groups", body);

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text()).contains("\"" + field);
    }

    @Test
    void refusesABlankNameInAChange() {
        String id = createGroup("blank-" + UUID.randomUUID(), false);
        Reply refused = api.as(OPERATOR_TOKEN).send(HttpRequest.PATCH("/v1/groups/" + id, "{\"name\": \" \"}"));
        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.text()).contains("\"name");
    }

    @Test
    void pagesGroupsWithACursorAndFiltersByPublic() {
        String prefix = "paged-" + UUID.randomUUID() + "-";
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(createGroup(prefix + i, i % 2 == 0));
        }

        List<String> seen = new ArrayList<>();
        String cursor = "";
        do {
            Reply page = api.as(READ_TOKEN).get("/v1/groups?limit=2&cursor=" + cursor);
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            assertThat(page.tree().get("items").size()).isLessThanOrEqualTo(2);
            page.tree().get("items").forEach(item -> seen.add(item.get("id").asText()));
            cursor = page.tree().get("nextCursor").isNull() ? null : page.tree().get("nextCursor").asText();
        } while (cursor != null);
        assertThat(seen).containsSubsequence(created).doesNotHaveDuplicates();

        Reply onlyPublic = api.as(READ_TOKEN).get("/v1/groups?public=true&limit=200");
        assertThat(onlyPublic.tree().get("items").findValuesAsText("id"))
                .contains(created.get(0), created.get(2), created.get(4)).doesNotContain(created.get(1), created.get(3));
        assertThat(api.as(READ_TOKEN).get("/v1/groups?public=maybe").text()).contains("\"public");
    }

    @Test
    void addsListsAndRemovesMembersAndForgetsADeletedMonitor() {
        String group = createGroup("members-" + UUID.randomUUID(), true);
        String first = createMonitor();
        String second = createMonitor();

        assertThat(api.as(OPERATOR_TOKEN).put("/v1/groups/" + group + "/monitors/" + first, "").status()).isEqualTo(204);
        assertThat(api.as(OPERATOR_TOKEN).put("/v1/groups/" + group + "/monitors/" + first, "").status()).isEqualTo(204);
        assertThat(api.as(OPERATOR_TOKEN).put("/v1/groups/" + group + "/monitors/" + second, "").status()).isEqualTo(204);
        Reply members = api.as(READ_TOKEN).get("/v1/groups/" + group + "/monitors");
        assertThat(members.tree().get("items").findValuesAsText("id")).containsExactlyInAnyOrder(first, second);
        assertThat(api.as(READ_TOKEN).get("/v1/groups/" + group).tree().get("monitorCount").asInt()).isEqualTo(2);
        // the monitor list filtered by group, a page at a time
        String outsider = createMonitor();
        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            Reply page = api.as(READ_TOKEN).get("/v1/monitors?limit=1&groupId=" + group + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            listed.addAll(page.tree().get("items").findValuesAsText("id"));
            cursor = page.tree().get("nextCursor").isNull() ? null : page.tree().get("nextCursor").asText();
        } while (cursor != null);
        assertThat(listed).containsExactlyInAnyOrder(first, second).doesNotContain(outsider);
        assertThat(api.as(READ_TOKEN).get("/v1/monitors?kind=tcp&state=UNKNOWN&groupId=" + group).tree().get("items")
                .findValuesAsText("id")).containsExactlyInAnyOrder(first, second);
        assertThat(api.as(READ_TOKEN).get("/v1/monitors?state=DOWN&groupId=" + group).tree().get("items")).isEmpty();
        Reply badGroup = api.as(READ_TOKEN).get("/v1/monitors?groupId=not-a-group");
        assertThat(badGroup.status()).isEqualTo(400);
        assertThat(badGroup.contentType()).startsWith("application/problem+json");
        assertThat(badGroup.text()).contains("groupId");

        assertThat(api.as(OPERATOR_TOKEN).delete("/v1/groups/" + group + "/monitors/" + first).status()).isEqualTo(204);
        assertThat(api.as(OPERATOR_TOKEN).delete("/v1/groups/" + group + "/monitors/" + first).status()).isEqualTo(404);
        assertThat(api.as(OPERATOR_TOKEN).delete("/v1/monitors/" + second).status()).isEqualTo(204);
        assertThat(api.as(READ_TOKEN).get("/v1/groups/" + group + "/monitors").tree().get("items")).isEmpty();
        assertThat(api.as(READ_TOKEN).get("/v1/monitors/" + first).status()).isEqualTo(200);
    }

    @Test
    void answers404ForAnUnknownGroupOrMonitor() {
        String group = createGroup("unknowns-" + UUID.randomUUID(), false);
        String monitor = createMonitor();
        UUID nobody = UUID.randomUUID();

        Reply noMonitor = api.as(OPERATOR_TOKEN).put("/v1/groups/" + group + "/monitors/" + nobody, "");
        assertThat(noMonitor.status()).isEqualTo(404);
        assertThat(noMonitor.text()).contains("monitor " + nobody);
        assertThat(api.as(OPERATOR_TOKEN).put("/v1/groups/" + nobody + "/monitors/" + monitor, "").status()).isEqualTo(404);
        assertThat(api.as(READ_TOKEN).get("/v1/groups/" + nobody + "/monitors").status()).isEqualTo(404);
        assertThat(api.as(OPERATOR_TOKEN).send(HttpRequest.PATCH("/v1/groups/" + nobody, "{\"order\": 1}")).status())
                .isEqualTo(404);
    }

    @Test
    void refusesHostileInputWithA4xxProblem() {
        HostileInputSweep.against(server.getURI(), OPERATOR_TOKEN)
                .get("/v1/groups", "public", "limit", "cursor")
                .get("/v1/groups/{id}")
                .get("/v1/groups/{id}/monitors", "limit", "cursor")
                .get("/v1/monitors", "groupId", "accountId", "kind", "state")
                .send("POST", "/v1/groups", """
                        {"name": "hostile", "description": "d", "public": true, "order": 1}""")
                .send("PATCH", "/v1/groups/{id}", """
                        {"name": "hostile", "description": "d", "public": true, "order": 1}""")
                .run();
    }

    private String createGroup(String name, boolean isPublic) {
        Reply created = api.as(OPERATOR_TOKEN).post("/v1/groups", """
                {"name": "%s", "public": %s}""".formatted(name, isPublic));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.tree().get("id").asText();
    }

    private String createMonitor() {
        Reply created = api.as(OPERATOR_TOKEN).post("/v1/monitors", """
                {"name": "m-%s", "kind": "tcp", "target": "127.0.0.1:9", "intervalSeconds": 60}""".formatted(UUID.randomUUID()));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.tree().get("id").asText();
    }
}
