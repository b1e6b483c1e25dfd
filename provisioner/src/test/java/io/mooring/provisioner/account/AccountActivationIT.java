package io.mooring.provisioner.account;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.provisioning.AccountFailed;
import io.mooring.testing.ApiClient;
import io.mooring.provisioner.testing.Events;
import io.mooring.provisioner.testing.Fixtures;
import io.mooring.provisioner.testing.ProvisionerProperties;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.mooring.provisioner.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Account creation's background half, driven by hand: the workers are off, so the test decides when
 * {@link AccountActivator} runs and what changed before it did.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountActivationIT implements TestPropertyProvider {
    private static final String TOKEN = "activation-it-operator";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    AccountActivator activator;

    private Map<String, String> properties;
    private ApiClient api;
    private Fixtures fixtures;

    @Override
    public Map<String, String> getProperties() {
        properties = ProvisionerProperties.with(TOKEN);
        properties.put("mooring.provisioner.worker.enabled", "false");
        return properties;
    }

    @BeforeAll
    void api() {
        api = new ApiClient(client, TOKEN);
        fixtures = new Fixtures(api);
    }

    @Test
    void staysRequestedUntilTheWorkerPlacesItOnce() {
        String datacenter = unique("dc");
        String host = fixtures.host(datacenter, 8192);
        ApiClient.Reply accepted = fixtures.createAccount(unique("a"), "small", datacenter);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String id = accepted.get("targetId");
        assertThat(api.get(accepted.header("Location")).get("state")).isEqualTo("RUNNING");
        assertThat(fixtures.account(id)).containsEntry("state", "REQUESTED").doesNotContainKey("hostId");

        assertThat(activator.runNext()).isTrue();
        assertThat(activator.runNext()).as("nothing left to claim").isFalse();

        Map<String, Object> operation = api.get(accepted.header("Location")).json();
        assertThat(operation).containsEntry("state", "SUCCEEDED");
        assertThat(steps(operation)).containsExactly("place=DONE", "activate=DONE");
        assertThat(fixtures.account(id)).containsEntry("state", "READY").containsEntry("hostId", host);
        assertThat(Events.about(id, 3)).extracting(Events::shortType)
                .containsExactly("account.requested", "account.placed", "account.ready");
        assertThat(api.get("/v1/accounts?hostId=" + host).items()).extracting(a -> a.get("id")).containsExactly(id);
    }

    @Test
    void failsWhenTheOnlyHostWasCordonedMeanwhile() {
        String datacenter = unique("dc");
        String host = fixtures.host(datacenter, 8192);
        ApiClient.Reply accepted = fixtures.createAccount(unique("a"), "small", datacenter);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String id = accepted.get("targetId");
        assertThat(api.post("/v1/hosts/" + host + "/cordon").status()).isEqualTo(200);

        assertThat(activator.runNext()).isTrue();

        Map<String, Object> operation = api.get(accepted.header("Location")).json();
        assertThat(operation).containsEntry("state", "FAILED").containsEntry("error", "every matching host is cordoned");
        assertThat(steps(operation)).containsExactly("place=FAILED", "activate=PENDING");
        assertThat(fixtures.account(id)).containsEntry("state", "FAILED").doesNotContainKey("hostId");
        List<ReceivedEvent> events = Events.about(id, 2);
        assertThat(events).extracting(Events::shortType).containsExactly("account.requested", "account.failed");
        assertThat(events.get(1).dataAs(AccountFailed.class).orElseThrow().reason()).isEqualTo("every matching host is cordoned");
        assertThat(api.delete("/v1/accounts/" + id).status()).as("a failed account can be deleted").isEqualTo(200);
    }

    @Test
    void failsTheLaterOfTwoRequestsThatBothFitAloneButNotTogether() {
        String datacenter = unique("dc");
        fixtures.host(datacenter, 2048);
        // 'medium' needs 2048 MB: each request fits the empty host, only the first placement does
        ApiClient.Reply first = fixtures.createAccount(unique("a"), "medium", datacenter);
        ApiClient.Reply second = fixtures.createAccount(unique("b"), "medium", datacenter);
        assertThat(List.of(first.status(), second.status())).containsExactly(202, 202);

        assertThat(activator.runNext()).as("one batch takes both, in request order").isTrue();
        assertThat(activator.runNext()).isFalse();

        assertThat(api.get(first.header("Location")).get("state")).isEqualTo("SUCCEEDED");
        Map<String, Object> failed = api.get(second.header("Location")).json();
        assertThat(failed).containsEntry("state", "FAILED").containsEntry("error", "memory: needs 2048 MB, best host has 0 MB left");
        assertThat(fixtures.account(second.get("targetId"))).containsEntry("state", "FAILED");
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // waiting for the locked row instead of skipping it would hang
    void skipsACreationAnotherWorkerHolds() throws SQLException {
        String datacenter = unique("dc");
        String host = fixtures.host(datacenter, 8192);
        ApiClient.Reply accepted = fixtures.createAccount(unique("a"), "small", datacenter);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);

        try (Connection other = DriverManager.getConnection("jdbc:postgresql://" + properties.get("mooring.pg.host") + ":"
                + properties.get("mooring.pg.port") + "/" + properties.get("mooring.pg.database"),
                properties.get("mooring.pg.user"), properties.get("mooring.pg.password"))) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("SELECT id FROM operation WHERE id = ? FOR UPDATE")) {
                lock.setObject(1, UUID.fromString(accepted.get("id")));
                lock.executeQuery().close();
            }
            assertThat(activator.runNext()).as("the only due creation is held").isFalse();
            other.rollback();
        }

        assertThat(activator.runNext()).isTrue();
        assertThat(activator.runNext()).isFalse();
        assertThat(api.get(accepted.header("Location")).get("state")).isEqualTo("SUCCEEDED");
        assertThat(api.get("/v1/accounts?hostId=" + host).items()).extracting(a -> a.get("id")).containsExactly(accepted.get("targetId"));
    }

    @Test
    void aCreationThatKeepsFailingDelaysOnlyItselfAndIsGivenUpAfterItsAttempts() throws SQLException {
        String datacenter = unique("dc");
        fixtures.host(datacenter, 8192);
        sql("""
                CREATE OR REPLACE FUNCTION refuse_poisoned() RETURNS trigger AS $$
                BEGIN
                    IF NEW.name LIKE 'poisoned-%' AND NEW.state = 'READY' THEN RAISE EXCEPTION 'the store refuses %', NEW.name; END IF;
                    RETURN NEW;
                END $$ LANGUAGE plpgsql""");
        sql("CREATE TRIGGER refuse_poisoned BEFORE UPDATE ON account FOR EACH ROW EXECUTE FUNCTION refuse_poisoned()");
        try {
            ApiClient.Reply poisoned = fixtures.createAccount(unique("poisoned"), "small", datacenter);
            ApiClient.Reply healthy = fixtures.createAccount(unique("healthy"), "small", datacenter);

            assertThat(activator.runNext()).isTrue();
            assertThat(api.get(healthy.header("Location")).get("state")).as("the healthy one is not held up").isEqualTo("SUCCEEDED");
            Map<String, Object> retrying = api.get(poisoned.header("Location")).json();
            assertThat(retrying).containsEntry("state", "RUNNING").containsEntry("attempts", 1);
            assertThat(fixtures.account(poisoned.get("targetId"))).containsEntry("state", "REQUESTED");

            for (int attempt = 2; attempt <= AccountActivator.MAX_ATTEMPTS; attempt++) {
                sql("UPDATE operation SET next_attempt_at = now() WHERE id = '" + poisoned.get("id") + "'");
                assertThat(activator.runNext()).isTrue();
            }
            Map<String, Object> given = api.get(poisoned.header("Location")).json();
            assertThat(given).containsEntry("state", "FAILED").containsEntry("attempts", AccountActivator.MAX_ATTEMPTS);
            assertThat((String) given.get("error")).startsWith("internal error:").contains("the store refuses");
            assertThat(fixtures.account(poisoned.get("targetId"))).containsEntry("state", "FAILED");
            List<ReceivedEvent> events = Events.about(poisoned.get("targetId"), 2);
            assertThat(events).extracting(Events::shortType).containsExactly("account.requested", "account.failed");
            assertThat(events.get(1).dataAs(AccountFailed.class).orElseThrow().reason())
                    .as("the event gives a classified reason; the error's text stays in the log and the operation")
                    .isEqualTo(AccountFailures.INTERNAL)
                    .doesNotContain("the store refuses");
        } finally {
            sql("DROP TRIGGER refuse_poisoned ON account");
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + properties.get("mooring.pg.host") + ":"
                + properties.get("mooring.pg.port") + "/" + properties.get("mooring.pg.database"),
                properties.get("mooring.pg.user"), properties.get("mooring.pg.password"));
             java.sql.Statement run = connection.createStatement()) {
            run.execute(statement);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> steps(Map<String, Object> operation) {
        return ((List<Map<String, Object>>) operation.get("steps")).stream().map(s -> s.get("name") + "=" + s.get("state")).toList();
    }
}
