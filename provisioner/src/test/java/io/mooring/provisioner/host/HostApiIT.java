package io.mooring.provisioner.host;

import java.sql.Connection;
import org.junit.jupiter.api.AfterAll;
import io.mooring.testing.OutboxContract;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.provisioning.AccountMigrated;
import io.mooring.events.provisioning.HostRegistered;
import io.mooring.testing.ApiClient;
import io.mooring.provisioner.testing.Events;
import io.mooring.provisioner.testing.Fixtures;
import io.mooring.provisioner.testing.ProvisionerProperties;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.mooring.provisioner.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostApiIT implements TestPropertyProvider {

    @Inject
    TransactionOperations<Connection> outboxTransactions;

    @AfterAll
    void everyEventWrittenToTheOutboxDecodesThroughTheContract() {
        int checked = outboxTransactions.executeRead(status -> OutboxContract.assertEveryEventDecodes(status.getConnection()));
        assertThat(checked).isPositive();
    }
    private static final String TOKEN = "hosts-it-operator";

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
    void registersAHostAndAnnouncesIt() {
        String name = unique("web");
        ApiClient.Reply created = api.post("/v1/hosts", Map.of("name", name, "datacenter", "par1", "cpuCores", 16,
                "memoryMb", 65536, "diskGb", 2000, "labels", Map.of("tier", "gold", "disk", "nvme")));

        assertThat(created.status()).isEqualTo(201);
        String id = created.get("id");
        assertThat(created.header("Location")).isEqualTo("/v1/hosts/" + id);
        assertThat(api.get("/v1/hosts/" + id).json()).containsEntry("name", name).containsEntry("cordoned", false)
                .containsEntry("draining", false).containsEntry("labels", Map.of("tier", "gold", "disk", "nvme"));
        assertThat(Events.about(id, 1).getFirst().dataAs(HostRegistered.class).orElseThrow())
                .isEqualTo(new HostRegistered(id, name, "par1", 16, 65536, 2000, Map.of("tier", "gold", "disk", "nvme")));

        ApiClient.Reply duplicate = api.post("/v1/hosts", Map.of("name", name, "datacenter", "par1", "cpuCores", 16,
                "memoryMb", 65536, "diskGb", 2000));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.problem()).isEqualTo("host-exists");
    }

    @Test
    void findsAHostByItsName() {
        String datacenter = unique("dc");
        String id = fixtures.host(datacenter, 8192);
        String name = api.get("/v1/hosts/" + id).get("name");

        assertThat(api.get("/v1/hosts/" + name).get("id")).isEqualTo(id);
        assertThat(api.get("/v1/hosts?name=" + name).items()).extracting(h -> h.get("id")).containsExactly(id);
        assertThat(api.get("/v1/hosts?name=" + unique("nowhere")).items()).isEmpty();
        assertThat(api.get("/v1/hosts/" + unique("nowhere")).status()).isEqualTo(404);
        assertThat(api.get("/v1/hosts?name=Not%20A%20Name").status()).isEqualTo(400);
    }

    @Test
    void rejectsBadHostsNamingTheField() {
        Map<String, Object> good = Map.of("name", unique("ok"), "datacenter", "par1", "cpuCores", 8, "memoryMb", 8192, "diskGb", 100);
        assertBadHost(good, "name", "Web_1");
        assertBadHost(good, "datacenter", "Paris 1");
        assertBadHost(good, "cpuCores", 0);
        assertBadHost(good, "cpuCores", 4096);
        assertBadHost(good, "memoryMb", 128);
        assertBadHost(good, "diskGb", -1);
        assertBadHost(good, "labels.tier", Map.of("tier", ""));
        assertBadHost(good, "labels", Map.of("Tier", "gold"));
        assertBadHost(good, "colour", "red");
        // a wrong JSON type is a 400 problem too (runtime's serde errors do not name the field yet)
        ApiClient.Reply wrongType = api.post("/v1/hosts", with(good, "memoryMb", "lots"));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.header("Content-Type")).startsWith("application/problem+json");
        Map<String, Object> missing = new HashMap<>(good);
        missing.remove("name");
        ApiClient.Reply reply = api.post("/v1/hosts", missing);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).contains("name");
    }

    @Test
    void listsAPageAtATimeWithFilters() {
        String datacenter = unique("dc");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(fixtures.host(datacenter, 8192, i % 2 == 0 ? Map.of("tier", "gold", "disk", "ssd") : Map.of("tier", "silver")));
        }
        api.post("/v1/hosts/" + ids.get(4) + "/cordon");

        List<Object> seen = new ArrayList<>();
        ApiClient.Reply page = api.get("/v1/hosts?datacenter=" + datacenter + "&limit=2");
        while (true) {
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            page.items().forEach(h -> seen.add(h.get("id")));
            if (page.get("nextCursor") == null) {
                break;
            }
            page = api.get("/v1/hosts?datacenter=" + datacenter + "&limit=2&cursor=" + page.get("nextCursor"));
        }
        assertThat(seen).containsExactlyElementsOf(ids);

        assertThat(ids("/v1/hosts?datacenter=" + datacenter + "&label=tier:gold")).containsExactly(ids.get(0), ids.get(2), ids.get(4));
        assertThat(ids("/v1/hosts?datacenter=" + datacenter + "&label=tier:gold&label=disk:ssd&cordoned=false"))
                .containsExactly(ids.get(0), ids.get(2));
        assertThat(ids("/v1/hosts?datacenter=" + datacenter + "&cordoned=true")).containsExactly(ids.get(4));
        assertThat(ids("/v1/hosts?datacenter=" + datacenter + "&label=tier:bronze")).isEmpty();

        for (String query : List.of("label=tier", "label=Tier:gold", "cursor=xyz", "limit=1000")) {
            ApiClient.Reply bad = api.get("/v1/hosts?" + query);
            assertThat(bad.status()).as(query).isEqualTo(400);
            assertThat(bad.body()).as(query).contains("\"field\":\"" + query.substring(0, query.indexOf('=')));
        }
    }

    @Test
    void cordonStopsPlacementsUntilUncordoned() {
        String datacenter = unique("dc");
        String host = fixtures.host(datacenter, 8192);

        ApiClient.Reply cordoned = api.post("/v1/hosts/" + host + "/cordon");
        assertThat(cordoned.status()).isEqualTo(200);
        assertThat(cordoned.json()).containsEntry("cordoned", true);
        assertThat(api.post("/v1/hosts/" + host + "/cordon").status()).isEqualTo(200);
        ApiClient.Reply refused = fixtures.createAccount(unique("a"), "small", datacenter);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.get("detail")).isEqualTo("every matching host is cordoned");

        assertThat(api.post("/v1/hosts/" + host + "/uncordon").json()).containsEntry("cordoned", false);
        assertThat(fixtures.createAccount(unique("a"), "small", datacenter).status()).isEqualTo(202);

        // cordoning twice announced it once
        assertThat(Events.about(host, 3)).extracting(Events::shortType)
                .containsExactly("host.registered", "host.cordoned", "host.uncordoned");
        assertThat(api.post("/v1/hosts/" + UUID.randomUUID() + "/cordon").status()).isEqualTo(404);
    }

    @Test
    void removesOnlyEmptyHosts() {
        String datacenter = unique("dc");
        String busy = fixtures.host(datacenter, 8192);
        String account = fixtures.account(datacenter, "small");
        String empty = fixtures.host(unique("dc"), 8192);

        ApiClient.Reply refused = api.delete("/v1/hosts/" + busy);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.problem()).isEqualTo("host-not-empty");
        assertThat(refused.get("detail")).contains("1 account(s)");
        // a deleted account keeps its place until it is purged
        api.delete("/v1/accounts/" + account);
        assertThat(api.delete("/v1/hosts/" + busy).status()).isEqualTo(409);

        assertThat(api.delete("/v1/hosts/" + empty).status()).isEqualTo(204);
        assertThat(api.get("/v1/hosts/" + empty).status()).isEqualTo(404);
        assertThat(api.delete("/v1/hosts/" + empty).status()).isEqualTo(404);
        assertThat(Events.about(empty, 2)).extracting(Events::shortType).containsExactly("host.registered", "host.removed");
    }

    @Test
    void drainMovesEveryAccountOffTheHostOneAtATime() {
        String datacenter = unique("dc");
        String draining = fixtures.host(datacenter, 8192);
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            accounts.add(fixtures.account(datacenter, "small"));
        }
        String deleted = fixtures.account(datacenter, "small");
        api.delete("/v1/accounts/" + deleted);
        String target = fixtures.host(datacenter, 8192);

        ApiClient.Reply accepted = api.post("/v1/hosts/" + draining + "/drain");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.json()).containsEntry("kind", "host.drain").containsEntry("targetId", draining);
        String operation = accepted.header("Location");
        await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCEEDED".equals(api.get(operation).get("state")));

        for (String account : accounts) {
            assertThat(fixtures.account(account)).containsEntry("hostId", target).containsEntry("state", "READY");
            List<ReceivedEvent> events = Events.about(account, 4);
            assertThat(events.get(3).dataAs(AccountMigrated.class).orElseThrow()).isEqualTo(new AccountMigrated(account, draining, target));
        }
        assertThat(fixtures.account(deleted)).containsEntry("hostId", target).containsEntry("state", "DELETED");
        assertThat(api.get("/v1/hosts/" + draining).json()).containsEntry("cordoned", true).containsEntry("draining", false);
        assertThat(Events.about(draining, 3)).extracting(Events::shortType)
                .containsExactly("host.registered", "host.cordoned", "host.drained");
        assertThat(api.delete("/v1/hosts/" + draining).status()).isEqualTo(204);
    }

    @Test
    void drainStopsWithTheReasonWhenAnAccountFitsNowhere() {
        String datacenter = unique("dc");
        String host = fixtures.host(datacenter, 8192);
        String account = fixtures.account(datacenter, "medium");
        fixtures.host(datacenter, 1024);

        String operation = api.post("/v1/hosts/" + host + "/drain").header("Location");
        await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(api.get(operation).get("state")));

        assertThat(api.get(operation).get("error")).contains(account).contains("memory: needs 2048 MB, best host has 1024 MB left");
        assertThat(fixtures.account(account)).containsEntry("hostId", host);
        assertThat(api.get("/v1/hosts/" + host).json()).containsEntry("cordoned", true).containsEntry("draining", false);
        assertThat(api.post("/v1/hosts/" + UUID.randomUUID() + "/drain").status()).isEqualTo(404);
    }

    private List<Object> ids(String path) {
        ApiClient.Reply reply = api.get(path);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.items().stream().map(h -> h.get("id")).toList();
    }

    private static Map<String, Object> with(Map<String, Object> good, String field, Object value) {
        Map<String, Object> body = new HashMap<>(good);
        body.put(field, value);
        return body;
    }

    private void assertBadHost(Map<String, Object> good, String field, Object value) {
        Map<String, Object> body = with(good, field.contains(".") ? field.substring(0, field.indexOf('.')) : field, value);
        ApiClient.Reply reply = api.post("/v1/hosts", body);
        assertThat(reply.status()).as(field + "=" + value + ": " + reply).isEqualTo(400);
        assertThat(reply.body()).as(field + "=" + value).contains(field);
    }
}
