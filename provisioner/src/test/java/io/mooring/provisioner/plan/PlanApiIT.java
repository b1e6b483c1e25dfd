package io.mooring.provisioner.plan;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.testing.ApiClient;
import io.mooring.provisioner.testing.Fixtures;
import io.mooring.provisioner.testing.ProvisionerProperties;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.mooring.provisioner.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanApiIT implements TestPropertyProvider {
    private static final String TOKEN = "plans-it-operator";

    @Inject
    @Client("/")
    HttpClient client;

    ApiClient api;
    Fixtures fixtures;
    Map<String, String> properties;

    @Override
    public Map<String, String> getProperties() {
        properties = ProvisionerProperties.with(TOKEN);
        return properties;
    }

    @BeforeAll
    void api() {
        api = new ApiClient(client, TOKEN);
        fixtures = new Fixtures(api);
    }

    @Test
    void findsAPlanByItsName() {
        assertThat(api.get("/v1/plans?name=small").items()).extracting(p -> p.get("name")).containsExactly("small");
        assertThat(api.get("/v1/plans?name=" + unique("none")).items()).isEmpty();
        assertThat(api.get("/v1/plans?name=Not%20A%20Name").status()).isEqualTo(400);
    }

    @Test
    void createsListsAndGetsPlans() {
        String name = unique("gold");
        ApiClient.Reply created = api.post("/v1/plans", plan(name, 1024, 2048));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/v1/plans/" + name);
        assertThat(api.get("/v1/plans/" + name).json()).containsEntry("memoryMaxMb", 2048).containsEntry("cpuWeight", 200);
        assertThat(api.get("/v1/plans").items()).extracting(p -> p.get("name")).contains("small", "medium", name);
        assertThat(api.get("/v1/plans/" + unique("none")).status()).isEqualTo(404);

        ApiClient.Reply duplicate = api.post("/v1/plans", plan(name, 1024, 2048));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.problem()).isEqualTo("plan-exists");
    }

    @Test
    void rejectsBadPlansNamingTheField() {
        assertBadPlan(plan(unique("p"), 4096, 2048), "memoryHighMb");
        assertBadPlan(with(plan(unique("p"), 1, 2), "cpuWeight", 0), "cpuWeight");
        assertBadPlan(with(plan(unique("p"), 1, 2), "cpuWeight", 10001), "cpuWeight");
        assertBadPlan(with(plan(unique("p"), 1, 2), "diskQuotaGb", 0), "diskQuotaGb");
        assertBadPlan(with(plan(unique("p"), 1, 2), "maxSites", -1), "maxSites");
        assertBadPlan(with(plan("Gold Plan", 1, 2), "name", "Gold Plan"), "name");
        assertBadPlan(with(plan(unique("p"), 1, 2), "tasksMax", null), "tasksMax");
        assertBadPlan(with(plan(unique("p"), 1, 2), "name", null), "name");
        assertBadPlan(with(plan(unique("p"), 1, 2), "price", 9), "price");
    }

    @Test
    void changesLimitsUnlessAHostWouldBeOvercommitted() {
        String name = unique("p");
        assertThat(api.post("/v1/plans", plan(name, 512, 1024)).status()).isEqualTo(201);
        String datacenter = unique("dc");
        fixtures.host(datacenter, 2048);
        fixtures.account(datacenter, name);
        fixtures.account(datacenter, name);

        ApiClient.Reply grown = api.put("/v1/plans/" + name, plan(null, 512, 1536));
        assertThat(grown.status()).isEqualTo(409);
        assertThat(grown.problem()).isEqualTo("would-overcommit");
        assertThat(grown.get("detail")).contains("2 account(s) on plan " + name).contains("memory: needs 1024 MB");
        assertThat(api.get("/v1/plans/" + name).json()).containsEntry("memoryMaxMb", 1024);

        ApiClient.Reply shrunk = api.put("/v1/plans/" + name, plan(name, 256, 768));
        assertThat(shrunk.status()).as(shrunk.toString()).isEqualTo(200);
        assertThat(api.get("/v1/plans/" + name).json()).containsEntry("memoryMaxMb", 768).containsEntry("memoryHighMb", 256);
        // the room it freed is placeable again: 2048 - 2 x 768 = 512
        assertThat(fixtures.createAccount(unique("a"), "small", datacenter).status()).isEqualTo(202);

        assertThat(api.put("/v1/plans/" + unique("none"), plan(null, 1, 2)).status()).isEqualTo(404);
        ApiClient.Reply renamed = api.put("/v1/plans/" + name, plan("other", 1, 2));
        assertThat(renamed.status()).isEqualTo(400);
        assertThat(renamed.body()).contains("name");
    }

    @Test
    void refusesLimitsBelowWhatAnAccountAlreadyHas() throws Exception {
        String name = unique("p");
        assertThat(api.post("/v1/plans", plan(name, 256, 512)).status()).isEqualTo(201);
        String datacenter = unique("dc");
        fixtures.host(datacenter, 8192);
        String account = fixtures.account(datacenter, name);
        addDatabases(account, 2);

        Map<String, Object> oneDatabase = with(plan(null, 256, 512), "maxDatabases", 1);
        ApiClient.Reply shrunk = api.put("/v1/plans/" + name, oneDatabase);
        assertThat(shrunk.status()).isEqualTo(409);
        assertThat(shrunk.problem()).isEqualTo("over-quota");
        assertThat(shrunk.get("detail")).isEqualTo("plan " + name + " allows 1 postgres-database per account; account "
                + account + " has 2");

        // 'small' allows one database
        ApiClient.Reply downgrade = api.post("/v1/accounts/" + account + "/plan", Map.of("plan", "small"));
        assertThat(downgrade.status()).isEqualTo(409);
        assertThat(downgrade.problem()).isEqualTo("over-quota");
        assertThat(fixtures.account(account)).containsEntry("plan", name);
    }

    /** Resources are another part of the provisioner: write the rows it would have written. */
    private void addDatabases(String account, int count) throws Exception {
        String url = "jdbc:postgresql://" + properties.get("mooring.pg.host") + ":" + properties.get("mooring.pg.port") + "/"
                + properties.get("mooring.pg.database");
        try (Connection connection = DriverManager.getConnection(url, properties.get("mooring.pg.user"), properties.get("mooring.pg.password"));
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO resource (id, account_id, kind, name, state, created_at, updated_at)
                     VALUES (?, ?, 'postgres-database', ?, 'READY', now(), now())
                     """)) {
            for (int i = 0; i < count; i++) {
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, UUID.fromString(account));
                insert.setString(3, "db" + i);
                insert.executeUpdate();
            }
        }
    }

    private void assertBadPlan(Map<String, Object> body, String field) {
        ApiClient.Reply reply = api.post("/v1/plans", body);
        assertThat(reply.status()).as(field + ": " + reply).isEqualTo(400);
        assertThat(reply.body()).as(field).contains(field);
    }

    private static Map<String, Object> with(Map<String, Object> plan, String field, Object value) {
        Map<String, Object> changed = new HashMap<>(plan);
        if (value == null) {
            changed.remove(field);
        } else {
            changed.put(field, value);
        }
        return changed;
    }

    private static Map<String, Object> plan(String name, long memoryHighMb, long memoryMaxMb) {
        Map<String, Object> plan = new HashMap<>(Map.of("cpuWeight", 200, "memoryHighMb", memoryHighMb, "memoryMaxMb", memoryMaxMb,
                "diskQuotaGb", 20, "tasksMax", 512, "maxDatabases", 2, "maxRedis", 1, "maxBuckets", 1, "maxSites", 3));
        if (name != null) {
            plan.put("name", name);
        }
        return plan;
    }
}
