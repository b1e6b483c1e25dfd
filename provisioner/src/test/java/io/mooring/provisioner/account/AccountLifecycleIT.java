package io.mooring.provisioner.account;

import java.sql.Connection;
import org.junit.jupiter.api.AfterAll;
import io.mooring.testing.OutboxContract;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.provisioning.AccountDeleted;
import io.mooring.events.provisioning.AccountMigrated;
import io.mooring.events.provisioning.AccountPlanChanged;
import io.mooring.events.provisioning.AccountSuspended;
import io.mooring.testing.ApiClient;
import io.mooring.provisioner.testing.Events;
import io.mooring.provisioner.testing.Fixtures;
import io.mooring.testing.MovableClock;
import io.mooring.provisioner.testing.ProvisionerProperties;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.mooring.provisioner.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountLifecycleIT implements TestPropertyProvider {

    @Inject
    TransactionOperations<Connection> outboxTransactions;

    @AfterAll
    void everyEventWrittenToTheOutboxDecodesThroughTheContract() {
        int checked = outboxTransactions.executeRead(status -> OutboxContract.assertEveryEventDecodes(status.getConnection()));
        assertThat(checked).isPositive();
    }
    private static final String TOKEN = "lifecycle-it-operator";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    MovableClock clock;

    @Inject
    AccountPurger purger;

    ApiClient api;
    Fixtures fixtures;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = ProvisionerProperties.with(TOKEN);
        properties.put("test.clock", "movable");
        properties.put("mooring.provisioner.deletion-grace", "P7D");
        properties.put("mooring.provisioner.purge.interval", "300ms");
        properties.put("mooring.provisioner.purge.initial-delay", "0s");
        return properties;
    }

    @BeforeAll
    void api() {
        api = new ApiClient(client, TOKEN);
        fixtures = new Fixtures(api);
    }

    @Test
    void suspendsAndResumesAnnouncingEach() {
        String datacenter = unique("dc");
        fixtures.host(datacenter, 8192);
        String id = fixtures.account(datacenter, "small");

        ApiClient.Reply suspended = api.post("/v1/accounts/" + id + "/suspend", Map.of("reason", "unpaid invoice"));
        assertThat(suspended.status()).as(suspended.toString()).isEqualTo(200);
        assertThat(suspended.json()).containsEntry("state", "SUSPENDED").containsEntry("suspendedReason", "unpaid invoice");

        ApiClient.Reply resumed = api.post("/v1/accounts/" + id + "/resume");
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.json()).containsEntry("state", "READY").doesNotContainKey("suspendedReason");

        List<ReceivedEvent> events = Events.about(id, 5);
        assertThat(events).extracting(Events::shortType).containsExactly(
                "account.requested", "account.placed", "account.ready", "account.suspended", "account.resumed");
        assertThat(events.get(3).dataAs(AccountSuspended.class).orElseThrow().reason()).isEqualTo("unpaid invoice");
    }

    @Test
    void refusesInvalidTransitionsNamingTheRule() {
        String datacenter = unique("dc");
        fixtures.host(datacenter, 8192);
        String id = fixtures.account(datacenter, "small");

        ApiClient.Reply resumeActive = api.post("/v1/accounts/" + id + "/resume");
        assertThat(resumeActive.status()).isEqualTo(409);
        assertThat(resumeActive.problem()).isEqualTo("invalid-transition");
        assertThat(resumeActive.get("detail")).isEqualTo("account " + id + " is READY: can only resume an account that is SUSPENDED");

        api.post("/v1/accounts/" + id + "/suspend", Map.of("reason", "abuse"));
        ApiClient.Reply suspendTwice = api.post("/v1/accounts/" + id + "/suspend", Map.of("reason", "abuse"));
        assertThat(suspendTwice.status()).isEqualTo(409);
        assertThat(suspendTwice.get("detail")).endsWith("can only suspend an account that is READY");

        api.delete("/v1/accounts/" + id);
        ApiClient.Reply deleteTwice = api.delete("/v1/accounts/" + id);
        assertThat(deleteTwice.status()).isEqualTo(409);
        assertThat(deleteTwice.get("detail")).endsWith("can only delete an account that is READY or SUSPENDED or FAILED");
        assertThat(api.post("/v1/accounts/" + id + "/migrate").status()).isEqualTo(409);

        ApiClient.Reply noReason = api.post("/v1/accounts/" + id + "/suspend", Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason");
        assertThat(api.post("/v1/accounts/" + UUID.randomUUID() + "/suspend", Map.of("reason", "x")).status()).isEqualTo(404);
        assertThat(api.post("/v1/accounts/" + UUID.randomUUID() + "/resume").status()).isEqualTo(404);
    }

    @Test
    void changesThePlanWhileTheHostHasRoom() {
        String datacenter = unique("dc");
        // 2560 MB: two small accounts (512 each) leave room for one of them to become medium (2048)
        fixtures.host(datacenter, 2560);
        String first = fixtures.account(datacenter, "small");
        String second = fixtures.account(datacenter, "small");

        ApiClient.Reply upgraded = api.post("/v1/accounts/" + first + "/plan", Map.of("plan", "medium"));
        assertThat(upgraded.status()).as(upgraded.toString()).isEqualTo(200);
        assertThat(upgraded.get("plan")).isEqualTo("medium");

        ApiClient.Reply full = api.post("/v1/accounts/" + second + "/plan", Map.of("plan", "medium"));
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.problem()).isEqualTo("no-capacity");
        assertThat(full.get("detail")).startsWith("memory: needs 1536 MB, host ").endsWith(" has 0 MB left");
        assertThat(fixtures.account(second)).containsEntry("plan", "small");

        ApiClient.Reply same = api.post("/v1/accounts/" + first + "/plan", Map.of("plan", "medium"));
        assertThat(same.status()).isEqualTo(409);
        assertThat(same.problem()).isEqualTo("plan-unchanged");
        ApiClient.Reply unknown = api.post("/v1/accounts/" + first + "/plan", Map.of("plan", "galactic"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("plan");

        List<ReceivedEvent> events = Events.about(first, 4);
        assertThat(events.getLast().dataAs(AccountPlanChanged.class).orElseThrow())
                .isEqualTo(new AccountPlanChanged(first, "small", "medium"));
    }

    @Test
    void migratesWherePlacementChoosesOrTheOperatorSays() {
        String datacenter = unique("dc");
        String from = fixtures.host(datacenter, 4096);
        String id = fixtures.account(datacenter, "small");
        String roomy = fixtures.host(datacenter, 65536);
        String small = fixtures.host(datacenter, 1024);

        ApiClient.Reply chosen = api.post("/v1/accounts/" + id + "/migrate");
        assertThat(chosen.status()).as(chosen.toString()).isEqualTo(200);
        assertThat(chosen.get("hostId")).isEqualTo(roomy);

        ApiClient.Reply named = api.post("/v1/accounts/" + id + "/migrate", Map.of("hostId", small));
        assertThat(named.status()).isEqualTo(200);
        assertThat(named.get("hostId")).isEqualTo(small);

        List<ReceivedEvent> events = Events.about(id, 5);
        assertThat(events.subList(3, 5)).extracting(e -> e.dataAs(AccountMigrated.class).orElseThrow()).containsExactly(
                new AccountMigrated(id, from, roomy), new AccountMigrated(id, roomy, small));
    }

    @Test
    void refusesMigrationsThatBreakCordonsCapacityOrConstraints() {
        String datacenter = unique("dc");
        String current = fixtures.host(datacenter, 4096);
        String id = fixtures.account(datacenter, "medium");
        String cordoned = fixtures.host(datacenter, 65536);
        api.post("/v1/hosts/" + cordoned + "/cordon");
        String tiny = fixtures.host(datacenter, 1024);
        String elsewhere = fixtures.host(unique("dc"), 65536);

        assertRefused(id, Map.of("hostId", cordoned), "no-capacity", "is cordoned");
        assertRefused(id, Map.of("hostId", tiny), "no-capacity", "memory: needs 2048 MB");
        assertRefused(id, Map.of("hostId", elsewhere), "no-capacity", "the account must stay in datacenter " + datacenter);
        assertRefused(id, Map.of("hostId", current), "already-on-host", "already on host");
        assertRefused(id, Map.of(), "no-capacity", "memory: needs 2048 MB, best host has 1024 MB left");
        ApiClient.Reply unknownHost = api.post("/v1/accounts/" + id + "/migrate", Map.of("hostId", UUID.randomUUID().toString()));
        assertThat(unknownHost.status()).isEqualTo(400);
        assertThat(unknownHost.body()).contains("hostId");
        assertThat(fixtures.account(id)).containsEntry("hostId", current);
    }

    @Test
    void deletesRestoresDuringGraceAndPurgesAfterIt() {
        String datacenter = unique("dc");
        fixtures.host(datacenter, 8192);
        String name = unique("gone");
        String id = fixtures.ready(fixtures.createAccount(name, "small", datacenter));

        Instant deletedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ApiClient.Reply deleted = api.delete("/v1/accounts/" + id);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.get("state")).isEqualTo("DELETED");
        assertThat(Instant.parse(deleted.get("purgeAfter"))).isEqualTo(deletedAt.plus(Duration.ofDays(7)));
        assertThat(fixtures.createAccount(name, "small", datacenter).problem()).isEqualTo("account-exists");

        clock.advance(Duration.ofDays(6));
        ApiClient.Reply restored = api.post("/v1/accounts/" + id + "/restore");
        assertThat(restored.status()).isEqualTo(200);
        assertThat(restored.json()).containsEntry("state", "READY").doesNotContainKey("purgeAfter");

        ApiClient.Reply again = api.delete("/v1/accounts/" + id);
        clock.advance(Duration.ofDays(7));
        ApiClient.Reply late = api.post("/v1/accounts/" + id + "/restore");
        assertThat(late.status()).as(again + " then " + late).isEqualTo(409);
        assertThat(late.problem()).isEqualTo("grace-period-over");

        await().atMost(Duration.ofSeconds(20)).until(() -> "PURGED".equals(fixtures.account(id).get("state")));
        assertThat(fixtures.account(id)).doesNotContainKey("hostId");
        assertThat(api.get("/v1/accounts?plan=small&limit=200").items()).extracting(a -> a.get("id")).doesNotContain(id);
        assertThat(api.get("/v1/accounts?state=PURGED&limit=200").items()).extracting(a -> a.get("id")).contains(id);
        assertThat(fixtures.createAccount(name, "small", datacenter).status()).isEqualTo(202);

        List<ReceivedEvent> events = Events.about(id, 7);
        assertThat(events).extracting(Events::shortType).containsExactly("account.requested", "account.placed",
                "account.ready", "account.deleted", "account.restored", "account.deleted", "account.purged");
        assertThat(events.get(3).dataAs(AccountDeleted.class).orElseThrow().purgeAfter().toInstant())
                .isEqualTo(deletedAt.plus(Duration.ofDays(7)));
    }

    @Test
    void purgeDeprovisionsTheAccountsResources() {
        String datacenter = unique("dc");
        fixtures.host(datacenter, 8192);
        String id = fixtures.ready(fixtures.createAccount(unique("sited"), "small", datacenter));
        ApiClient.Reply site = api.post("/v1/accounts/" + id + "/resources", Map.of("kind", "site", "name", "www",
                "domain", unique("purge") + ".example.org", "upstream", "http://127.0.0.1:8080"));
        assertThat(site.status()).as(site.toString()).isEqualTo(202);
        String resource = "/v1/accounts/" + id + "/resources/" + api.get(site.header("Location")).get("targetId");
        await().atMost(Duration.ofSeconds(20)).until(() -> "READY".equals(api.get(resource).get("state")));

        assertThat(api.delete("/v1/accounts/" + id).status()).isEqualTo(200);
        assertThat(api.get(resource).get("state")).as("kept during the grace period").isEqualTo("READY");
        clock.advance(Duration.ofDays(8));

        await().atMost(Duration.ofSeconds(20)).until(() -> "PURGED".equals(fixtures.account(id).get("state")));
        await().atMost(Duration.ofSeconds(20)).until(() -> "DELETED".equals(api.get(resource).get("state")));
    }

    @Test
    void restoresASuspendedAccountSuspended() {
        String datacenter = unique("dc");
        fixtures.host(datacenter, 8192);
        String id = fixtures.account(datacenter, "small");
        api.post("/v1/accounts/" + id + "/suspend", Map.of("reason", "chargeback"));
        api.delete("/v1/accounts/" + id);

        ApiClient.Reply restored = api.post("/v1/accounts/" + id + "/restore");

        assertThat(restored.json()).containsEntry("state", "SUSPENDED").containsEntry("suspendedReason", "chargeback");
    }

    @Test
    void purgesEachAccountOnceWhenReplicasRace() throws Exception {
        String datacenter = unique("dc");
        fixtures.host(datacenter, 65536);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String id = fixtures.account(datacenter, "small");
            api.delete("/v1/accounts/" + id);
            ids.add(id);
        }
        clock.advance(Duration.ofDays(8));

        ExecutorService replicas = Executors.newFixedThreadPool(3);
        try {
            List<Callable<Integer>> runs = List.of(purger::purgeDue, purger::purgeDue, purger::purgeDue);
            for (Future<Integer> run : replicas.invokeAll(runs)) {
                run.get();
            }
        } finally {
            replicas.shutdown();
        }

        for (String id : ids) {
            assertThat(fixtures.account(id)).containsEntry("state", "PURGED");
            assertThat(Events.about(id, 5)).extracting(Events::shortType).containsOnlyOnce("account.purged")
                    .hasSize(5);
        }
    }

    private void assertRefused(String id, Map<String, Object> body, String problem, String detail) {
        ApiClient.Reply reply = api.post("/v1/accounts/" + id + "/migrate", body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
        assertThat(reply.problem()).isEqualTo(problem);
        assertThat(reply.get("detail")).contains(detail);
    }
}
