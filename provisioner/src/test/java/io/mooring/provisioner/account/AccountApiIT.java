package io.mooring.provisioner.account;

import io.mooring.testing.HostileInputSweep;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.testing.ApiClient;
import io.mooring.provisioner.testing.Fixtures;
import io.mooring.provisioner.testing.ProvisionerProperties;
import io.mooring.testing.TopicReader;
import io.mooring.stack.Servers;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.mooring.provisioner.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountApiIT implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;

    private static final String TOKEN = "provisioner-it-operator";

    @Inject
    @Client("/")
    HttpClient client;

    ApiClient api;
    Fixtures fixtures;

    @Override
    public Map<String, String> getProperties() {
        return ProvisionerProperties.with(TOKEN);
    }

    @BeforeAll
    void api() {
        api = new ApiClient(client, TOKEN);
        fixtures = new Fixtures(api);
    }

    @Test
    void createsAnAccountOnAHostAndAnnouncesItReady() {
        String datacenter = unique("dc");
        String host = fixtures.host(datacenter, 16384, Map.of("disk", "ssd"));
        String name = unique("acme");

        ApiClient.Reply accepted = fixtures.createAccount(name, "small", datacenter);
        assertThat(accepted.status()).isEqualTo(202);
        String location = accepted.header("Location");
        assertThat(location).isEqualTo("/v1/operations/" + accepted.get("id"));
        assertThat(accepted.json()).containsEntry("kind", "account.create").containsEntry("state", "RUNNING");
        assertThat(steps(accepted.json())).containsExactly("place=PENDING", "activate=PENDING");
        Map<String, Object> operation = fixtures.awaitEnd(location);
        assertThat(operation).containsEntry("state", "SUCCEEDED").containsEntry("targetId", accepted.get("targetId"));
        assertThat(steps(operation)).containsExactly("place=DONE", "activate=DONE");
        String accountId = (String) operation.get("targetId");

        Map<String, Object> account = fixtures.account(accountId);
        assertThat(account).containsEntry("state", "READY").containsEntry("name", name).containsEntry("hostId", host);
        assertThat(account.get("placement")).isEqualTo(Map.of("datacenter", datacenter));

        try (TopicReader reader = new TopicReader(Servers.kafka().bootstrapServers(), Topics.PROVISIONING)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> ofSubject(reader.events(), accountId).size() >= 3);
            List<ReceivedEvent> events = ofSubject(reader.events(), accountId);
            assertThat(events).extracting(ReceivedEvent::type).containsExactly(
                    "mooring.provisioning.account.requested.v1", "mooring.provisioning.account.placed.v1",
                    "mooring.provisioning.account.ready.v1");
            AccountReady ready = events.get(2).dataAs(AccountReady.class).orElseThrow();
            assertThat(ready.hostId()).isEqualTo(host);
            assertThat(ready.plan()).isEqualTo("small");
        }
    }

    @Test
    void refusesAnAccountNoHostCanTakeAndLeavesNothingBehind() {
        String datacenter = unique("dc");
        fixtures.host(datacenter, 4096);
        // 'medium' needs 2048 MB: the third does not fit
        fixtures.account(datacenter, "medium");
        fixtures.account(datacenter, "medium");
        String refusedName = unique("big");

        ApiClient.Reply refused = fixtures.createAccount(refusedName, "medium", datacenter);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.problem()).isEqualTo("no-capacity");
        assertThat(refused.get("detail")).isEqualTo("memory: needs 2048 MB, best host has 0 MB left");
        List<Map<String, Object>> accounts = allAccounts("").stream()
                .filter(a -> Map.of("datacenter", datacenter).equals(a.get("placement"))).toList();
        assertThat(accounts).extracting(a -> a.get("name")).hasSize(2).doesNotContain(refusedName);
        assertThat(accounts).extracting(a -> a.get("state")).containsOnly("READY");
    }

    @Test
    void placesOnlyWhereTheConstraintsAllowAndSaysWhyNot() {
        String datacenter = unique("dc");
        String gold = fixtures.host(datacenter, 4096, Map.of("tier", "gold"));
        fixtures.host(datacenter, 65536, Map.of("tier", "silver"));

        ApiClient.Reply placed = api.post("/v1/accounts", Map.of("name", unique("g"), "plan", "small", "ownerEmail", "ops@example.org",
                "placement", Map.of("datacenter", datacenter, "labels", Map.of("tier", "gold"))));
        assertThat(fixtures.account(fixtures.ready(placed))).containsEntry("hostId", gold);

        ApiClient.Reply noDatacenter = fixtures.createAccount(unique("x"), "small", unique("nowhere"));
        assertThat(noDatacenter.status()).isEqualTo(409);
        assertThat(noDatacenter.get("detail")).startsWith("no host in datacenter nowhere-");

        ApiClient.Reply noLabel = api.post("/v1/accounts", Map.of("name", unique("p"), "plan", "small", "ownerEmail", "ops@example.org",
                "placement", Map.of("datacenter", datacenter, "labels", Map.of("tier", "platinum"))));
        assertThat(noLabel.status()).isEqualTo(409);
        assertThat(noLabel.get("detail")).isEqualTo("labels tier=platinum matched no host in datacenter " + datacenter);
    }

    @Test
    void listsAPageAtATimeWithFilters() {
        String datacenter = unique("dc");
        String host = fixtures.host(datacenter, 65536);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(fixtures.account(datacenter, i < 3 ? "small" : "medium"));
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ApiClient.Reply page = api.get("/v1/accounts?hostId=" + host + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            page.items().forEach(a -> seen.add((String) a.get("id")));
            cursor = page.get("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(created);
        assertThat(pages).isEqualTo(3);

        assertThat(api.get("/v1/accounts?hostId=" + host + "&plan=medium").items()).extracting(a -> a.get("id"))
                .containsExactlyElementsOf(created.subList(3, 5));
        assertThat(api.get("/v1/accounts?hostId=" + host + "&state=suspended").items()).isEmpty();
        assertThat(api.get("/v1/accounts?hostId=" + host + "&state=READY").items()).hasSize(5);
    }

    @Test
    void rejectsBadInputNamingTheField() {
        assertBadRequest(Map.of("name", "Not A Label", "plan", "small", "ownerEmail", "ops@example.org"), "name");
        assertBadRequest(Map.of("name", "ok-name", "plan", "small", "ownerEmail", "not-an-email"), "ownerEmail");
        assertBadRequest(Map.of("name", "ok-name", "plan", "gigantic", "ownerEmail", "ops@example.org"), "plan");
        assertBadRequest(Map.of("name", "ok-name", "plan", "small", "ownerEmail", "ops@example.org", "colour", "red"), "colour");
        assertBadRequest(Map.of("name", "ok-name", "plan", "small", "ownerEmail", "ops@example.org",
                "placement", Map.of("datacenter", "Paris 1")), "placement.datacenter");
        assertBadRequest(Map.of("name", "ok-name", "plan", "small", "ownerEmail", "ops@example.org",
                "placement", Map.of("labels", Map.of("tier", "gold star"))), "placement.labels.tier");

        for (String query : List.of("limit=0", "limit=201", "cursor=garbage", "state=sleeping", "hostId=nope")) {
            ApiClient.Reply reply = api.get("/v1/accounts?" + query);
            assertThat(reply.status()).as(query).isEqualTo(400);
            assertThat(reply.body()).as(query).contains(query.substring(0, query.indexOf('=')));
        }
    }

    @Test
    void findsAnAccountByItsExactNameOrByTheStartOfItsName() {
        String datacenter = unique("dc");
        fixtures.host(datacenter, 65536);
        String stem = unique("toot");
        String cafe = fixtures.ready(fixtures.createAccount(stem + "-cafe", "small", datacenter));
        String club = fixtures.ready(fixtures.createAccount(stem + "-club", "small", datacenter));
        fixtures.account(datacenter, "small");

        ApiClient.Reply byPath = api.get("/v1/accounts/" + stem + "-cafe");
        assertThat(byPath.status()).as(byPath.toString()).isEqualTo(200);
        assertThat(byPath.get("id")).isEqualTo(cafe);
        assertThat(api.get("/v1/accounts/" + cafe).get("name")).isEqualTo(stem + "-cafe");
        assertThat(api.get("/v1/accounts?name=" + stem + "-club").items()).extracting(a -> a.get("id")).containsExactly(club);
        assertThat(api.get("/v1/accounts?name=" + stem).items()).as("name is exact").isEmpty();
        assertThat(api.get("/v1/accounts?namePrefix=" + stem + "-c").items()).extracting(a -> a.get("id"))
                .containsExactly(cafe, club);
        assertThat(api.get("/v1/accounts?namePrefix=" + stem + "&limit=1").items()).extracting(a -> a.get("id"))
                .containsExactly(cafe);

        ApiClient.Reply unknown = api.get("/v1/accounts/" + stem + "-bar");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.problem()).isEqualTo("not-found");
        for (String query : List.of("/v1/accounts?name=Toot%20Cafe", "/v1/accounts?namePrefix=-x", "/v1/accounts/Toot_Cafe")) {
            ApiClient.Reply bad = api.get(query);
            assertThat(bad.status()).as(query).isEqualTo(400);
            assertThat(bad.problem()).as(query).isEqualTo("validation");
        }
    }

    @Test
    void answers404ForAnUnknownAccount() {
        ApiClient.Reply reply = api.get("/v1/accounts/" + java.util.UUID.randomUUID());
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.problem()).isEqualTo("not-found");
    }

    @Test
    void refusesADuplicateName() {
        String datacenter = unique("dc");
        fixtures.host(datacenter, 65536);
        String name = unique("dup");
        assertThat(fixtures.createAccount(name, "small", datacenter).status()).isEqualTo(202);

        ApiClient.Reply duplicate = fixtures.createAccount(name, "small", datacenter);

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.problem()).isEqualTo("account-exists");
    }

    @SuppressWarnings("unchecked")
    private static List<String> steps(Map<String, Object> operation) {
        return ((List<Map<String, Object>>) operation.get("steps")).stream().map(s -> s.get("name") + "=" + s.get("state")).toList();
    }

    private List<Map<String, Object>> allAccounts(String filter) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            ApiClient.Reply page = api.get("/v1/accounts?limit=200" + filter + (cursor == null ? "" : "&cursor=" + cursor));
            all.addAll(page.items());
            cursor = page.get("nextCursor");
        } while (cursor != null);
        return all;
    }

    private void assertBadRequest(Map<String, Object> body, String field) {
        ApiClient.Reply reply = api.post("/v1/accounts", new HashMap<>(body));
        assertThat(reply.status()).as(field + ": " + reply).isEqualTo(400);
        assertThat(reply.body()).as(field).contains(field);
    }

    private static List<ReceivedEvent> ofSubject(List<ReceivedEvent> events, String subject) {
        return events.stream().filter(e -> subject.equals(e.subject())).toList();
    }

    @Test
    void hostileInputOnEveryEndpointIsABadRequestProblemNeverAServerError() {
        HostileInputSweep.against(server.getURI(), TOKEN)
                .get("/v1/accounts", "state", "hostId", "plan", "name", "namePrefix", "limit", "cursor")
                .get("/v1/accounts/{idOrName}")
                .send("POST", "/v1/accounts", """
                        {"name": "sweep", "plan": "small", "ownerEmail": "ops@example.org",
                         "placement": {"datacenter": "dc-sweep", "labels": {"disk": "ssd"}}}""")
                .send("POST", "/v1/accounts/{id}/plan", "{\"plan\": \"small\"}")
                .send("POST", "/v1/accounts/{id}/suspend", "{\"reason\": \"unpaid\"}")
                .send("POST", "/v1/accounts/{id}/migrate", "{\"hostId\": \"00000000-0000-0000-0000-000000000000\"}")
                .get("/v1/accounts/{accountId}/resources", "kind")
                .get("/v1/accounts/{accountId}/resources/{resourceId}")
                .send("POST", "/v1/accounts/{accountId}/resources", """
                        {"kind": "site", "name": "www", "domain": "www.example.org", "upstream": "http://127.0.0.1:3000"}""")
                .get("/v1/hosts", "name", "datacenter", "label", "cordoned", "limit", "cursor")
                .get("/v1/hosts/{idOrName}")
                .get("/v1/hosts/{id}/desired-state")
                .send("POST", "/v1/hosts", """
                        {"name": "h-sweep", "datacenter": "dc-sweep", "cpuCores": 8, "memoryMb": 16384, "diskGb": 500,
                         "labels": {"disk": "ssd"}}""")
                .get("/v1/plans", "name")
                .get("/v1/plans/{name}")
                .send("PUT", "/v1/plans/{name}", """
                        {"cpuWeight": 200, "memoryHighMb": 1024, "memoryMaxMb": 2048, "diskQuotaGb": 20, "tasksMax": 512,
                         "maxDatabases": 2, "maxRedis": 1, "maxBuckets": 1, "maxSites": 3}""")
                .send("POST", "/v1/plans", """
                        {"name": "sweep", "cpuWeight": 200, "memoryHighMb": 1024, "memoryMaxMb": 2048, "diskQuotaGb": 20,
                         "tasksMax": 512, "maxDatabases": 2, "maxRedis": 1, "maxBuckets": 1, "maxSites": 3}""")
                .get("/v1/operations/{id}")
                .run();
    }
}
