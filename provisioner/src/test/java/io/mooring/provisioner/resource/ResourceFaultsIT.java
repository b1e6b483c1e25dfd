package io.mooring.provisioner.resource;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.events.Topics;
import io.mooring.events.provisioning.ResourceFailed;
import io.mooring.provisioner.resource.driver.TenantNames;
import io.mooring.testing.TopicReader;
import io.mooring.stack.ServerKind;
import io.mooring.stack.Servers;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.mooring.provisioner.resource.ResourceApi.OPERATOR;
import static io.mooring.provisioner.resource.ResourceApi.body;
import static io.mooring.provisioner.resource.ResourceApi.resourceEvents;
import static io.mooring.provisioner.resource.ResourceApi.suffix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** Unreachable and refusing servers, crashed workers, quotas and bad input. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResourceFaultsIT implements TestPropertyProvider {
    private static final String REQUESTED = "mooring.provisioning.resource.requested.v1";
    private static final String READY = "mooring.provisioning.resource.ready.v1";
    private static final String FAILED = "mooring.provisioning.resource.failed.v1";
    private static final String DELETED = "mooring.provisioning.resource.deleted.v1";

    @Inject
    @Client("/")
    HttpClient client;

    private ResourceApi api;
    private TargetPostgres target;
    private Map<String, String> properties;

    @Override
    public Map<String, String> getProperties() {
        target = TargetPostgres.shared();
        properties = new HashMap<>(ResourceApi.properties(target.properties(),
                ServerKind.KAFKA, ServerKind.POSTGRES, ServerKind.REDIS, ServerKind.S3));
        properties.put("mooring.provisioner.targets.postgres.connect-timeout", "2s");
        properties.put("mooring.provisioner.worker.lease", "15s");
        properties.put("mooring.provisioner.worker.initial-backoff", "200ms");
        properties.put("mooring.provisioner.worker.max-backoff", "1s");
        properties.put("mooring.provisioner.worker.max-attempts", "100");
        return properties;
    }

    @BeforeAll
    void api() {
        api = new ResourceApi(client);
    }

    @Test
    void retriesWhileTheDatabaseServerIsUnreachableAndSucceedsOnceItIsBack() {
        String accountId = api.createAccount();
        target.relay().stop();
        HttpResponse<Map> accepted;
        try {
            accepted = api.requestResource(accountId, Map.of("kind", "postgres-database", "name", "later"));
            Map<String, Object> retrying = api.awaitOperation(accepted.header("Location"), OPERATOR,
                    op -> ((Number) op.get("attempts")).intValue() >= 3 && op.get("steps").toString().contains("failed"));
            assertThat(retrying.get("state")).isEqualTo("RUNNING");
            assertThat(retrying.get("error")).isNull();
            assertThat(retrying.get("steps").toString()).contains("refused").contains("next attempt at");
            assertThat(api.resource(accountId, (String) accepted.body().get("targetId")).get("state")).isEqualTo("PROVISIONING");
        } finally {
            target.relay().start();
        }
        Map<String, Object> done = api.awaitEnd(accepted.header("Location"));
        assertThat(done.get("state")).isEqualTo("SUCCEEDED");
        assertThat(((Map<?, ?>) done.get("result")).get("password")).isNotNull();
        String resourceId = (String) accepted.body().get("targetId");
        assertThat(api.resource(accountId, resourceId).get("state")).isEqualTo("READY");
        assertEvents(accountId, resourceId, REQUESTED, READY);
    }

    @Test
    void failsForGoodWhenTheRoleNameIsTakenAndLeavesTheOtherRoleAlone() throws SQLException {
        String accountId = api.createAccount();
        String taken = TenantNames.user(UUID.fromString(accountId), "taken");
        try (Connection admin = target.admin(); Statement s = admin.createStatement()) {
            s.execute("CREATE ROLE \"" + taken + "\" LOGIN PASSWORD 'someone-elses'");
        }
        HttpResponse<Map> accepted = api.requestResource(accountId, Map.of("kind", "postgres-database", "name", "taken"));
        String resourceId = (String) accepted.body().get("targetId");
        Map<String, Object> failed = api.awaitEnd(accepted.header("Location"));
        assertThat(failed.get("state")).isEqualTo("FAILED");
        assertThat((String) failed.get("error")).contains("role " + taken + " already exists").contains("not created for this resource");
        assertThat(failed.get("attempts")).isEqualTo(1);
        assertThat(failed.get("result")).isNull();
        Map<String, Object> resource = api.resource(accountId, resourceId);
        assertThat(resource.get("state")).isEqualTo("FAILED");
        assertThat(resource.get("error")).isEqualTo(failed.get("error"));

        HttpResponse<Map> deleting = api.deleteResource(accountId, resourceId);
        assertThat(api.awaitEnd(deleting.header("Location")).get("state")).isEqualTo("SUCCEEDED");
        assertThat(roleExists(taken)).as("a role this resource did not create survives its deletion").isTrue();

        assertEvents(accountId, resourceId, REQUESTED, FAILED, DELETED);
        try (TopicReader reader = new TopicReader(Servers.kafka().bootstrapServers(), Topics.PROVISIONING)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> reader.events().stream().anyMatch(e -> e.type().equals(FAILED)
                    && e.subject().equals(accountId)));
            ResourceFailed event = reader.events().stream().filter(e -> e.type().equals(FAILED) && e.subject().equals(accountId))
                    .findFirst().orElseThrow().dataAs(ResourceFailed.class).orElseThrow();
            assertThat(event.reason()).as("events carry the classified reason, not the server's words")
                    .isEqualTo("name already taken on the tenant database server");
        }
    }

    @Test
    void finishesAnOperationAWorkerCrashedInWithFreshCredentials() throws SQLException {
        String accountId = api.createAccount();
        UUID resourceId = UUID.randomUUID();
        UUID operationId = UUID.randomUUID();
        String role = TenantNames.user(UUID.fromString(accountId), "resumed");
        // what a worker that died after creating the role left behind: the role, and an operation it held
        try (Connection admin = target.admin(); Statement s = admin.createStatement()) {
            s.execute("CREATE ROLE \"" + role + "\" LOGIN PASSWORD 'from-the-crashed-attempt'");
            s.execute("COMMENT ON ROLE \"" + role + "\" IS 'mooring resource " + resourceId + "'");
        }
        try (Connection db = provisionerDatabase()) {
            db.setAutoCommit(false);
            try (PreparedStatement resource = db.prepareStatement("""
                    INSERT INTO resource (id, account_id, kind, name, state, spec, created_at, updated_at)
                    VALUES (?, ?, 'postgres-database', 'resumed', 'PROVISIONING', ?::jsonb, now(), now())""");
                 PreparedStatement operation = db.prepareStatement("""
                    INSERT INTO operation (id, kind, target_id, state, steps, attempts, next_attempt_at, created_at, updated_at)
                    VALUES (?, 'resource.create', ?, 'RUNNING', '[]', 1, now() - interval '1 second', now(), now())""")) {
                resource.setObject(1, resourceId);
                resource.setObject(2, UUID.fromString(accountId));
                resource.setString(3, "{\"role\":\"" + role + "\",\"database\":\"" + role + "\",\"connectionLimit\":\"3\"}");
                resource.executeUpdate();
                operation.setObject(1, operationId);
                operation.setObject(2, resourceId);
                operation.executeUpdate();
            }
            db.commit();
        }

        Map<String, Object> done = api.awaitEnd("/v1/operations/" + operationId);
        assertThat(done.get("state")).isEqualTo("SUCCEEDED");
        assertThat(done.get("attempts")).isEqualTo(2);
        Map<?, ?> credentials = (Map<?, ?>) done.get("result");
        try (Connection tenant = target.login((String) credentials.get("host"), (String) credentials.get("port"), role,
                (String) credentials.get("password"), role); Statement s = tenant.createStatement()) {
            s.execute("CREATE TABLE resumed (id int)");
        }
        SQLException stale = catchThrowableOfType(SQLException.class, () -> target.login((String) credentials.get("host"),
                (String) credentials.get("port"), role, "from-the-crashed-attempt", role).close());
        assertThat(stale.getSQLState()).isEqualTo("28P01");
        assertThat(api.resource(accountId, resourceId.toString()).get("state")).isEqualTo("READY");
        assertEvents(accountId, resourceId.toString(), READY);
    }

    @Test
    void deletesAResourceStillBeingCreatedAndCancelsItsCreation() throws SQLException {
        String accountId = api.createAccount();
        target.relay().stop();
        HttpResponse<Map> accepted;
        HttpResponse<Map> deleting;
        try {
            accepted = api.requestResource(accountId, Map.of("kind", "postgres-database", "name", "doomed"));
            api.awaitOperation(accepted.header("Location"), OPERATOR, op -> ((Number) op.get("attempts")).intValue() >= 1);
            deleting = api.deleteResource(accountId, (String) accepted.body().get("targetId"));
            Map<String, Object> cancelled = api.get(accepted.header("Location"));
            assertThat(cancelled.get("state")).isEqualTo("FAILED");
            assertThat((String) cancelled.get("error")).contains("cancelled");
        } finally {
            target.relay().start();
        }
        String resourceId = (String) accepted.body().get("targetId");
        assertThat(api.awaitEnd(deleting.header("Location")).get("state")).isEqualTo("SUCCEEDED");
        assertThat(api.resource(accountId, resourceId).get("state")).isEqualTo("DELETED");
        assertThat(roleExists(TenantNames.user(UUID.fromString(accountId), "doomed"))).isFalse();
        assertEvents(accountId, resourceId, REQUESTED, DELETED);
    }

    @Test
    void refusesRequestsBeyondThePlansQuota() {
        String accountId = api.createAccount();
        String first = (String) api.requestResource(accountId, site("one-" + suffix() + ".example.org")).body().get("targetId");
        api.requestResource(accountId, site("two-" + suffix() + ".example.org"));
        HttpClientResponseException refused = api.refused(accountId, site("three-" + suffix() + ".example.org"));
        assertThat(refused.code()).isEqualTo(409);
        assertThat(body(refused)).contains("urn:mooring:problem:quota-exceeded").contains("max_sites");

        api.requestResource(accountId, Map.of("kind", "bucket", "name", "media"));
        HttpClientResponseException buckets = api.refused(accountId, Map.of("kind", "bucket", "name", "backups"));
        assertThat(buckets.code()).isEqualTo(409);
        assertThat(body(buckets)).contains("quota-exceeded").contains("max_buckets");

        HttpResponse<Map> deleting = api.deleteResource(accountId, first);
        assertThat(api.awaitEnd(deleting.header("Location")).get("state")).isEqualTo("SUCCEEDED");
        api.requestResource(accountId, site("four-" + suffix() + ".example.org"));
    }

    @Test
    void refusesADomainAnotherSiteServesAndANameTheAccountUses() {
        String accountId = api.createAccount();
        String otherAccountId = api.createAccount();
        String domain = "taken-" + suffix() + ".example.org";
        api.requestResource(accountId, Map.of("kind", "site", "name", "www", "domain", domain, "upstream", "http://127.0.0.1:3000"));

        HttpClientResponseException taken = api.refused(otherAccountId, Map.of("kind", "site", "name", "www",
                "domain", domain.toUpperCase(), "upstream", "http://127.0.0.1:3000"));
        assertThat(taken.code()).isEqualTo(409);
        assertThat(body(taken)).contains("urn:mooring:problem:domain-taken").contains("\"field\":\"domain\"");

        HttpClientResponseException sameName = api.refused(accountId, Map.of("kind", "site", "name", "www",
                "domain", "other-" + suffix() + ".example.org", "upstream", "http://127.0.0.1:3000"));
        assertThat(sameName.code()).isEqualTo(409);
        assertThat(body(sameName)).contains("urn:mooring:problem:resource-exists");
        assertThat(api.resources(otherAccountId)).isEmpty();
    }

    @Test
    void aRetriedCreateWithTheSameIdempotencyKeyReturnsTheSameOperation() {
        String accountId = api.createAccount();
        String key = "retry-" + suffix();
        Map<String, Object> site = site("idem-" + suffix() + ".example.org");
        HttpResponse<Map> first = client.toBlocking().exchange(HttpRequest.POST("/v1/accounts/" + accountId + "/resources", site)
                .bearerAuth(OPERATOR).header("Idempotency-Key", key), Map.class);
        HttpResponse<Map> retry = client.toBlocking().exchange(HttpRequest.POST("/v1/accounts/" + accountId + "/resources", site)
                .bearerAuth(OPERATOR).header("Idempotency-Key", key), Map.class);
        assertThat(retry.code()).isEqualTo(202);
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(api.resources(accountId)).hasSize(1);

        HttpClientResponseException changed = catchThrowableOfType(HttpClientResponseException.class, () ->
                client.toBlocking().exchange(HttpRequest.POST("/v1/accounts/" + accountId + "/resources",
                        site("other-" + suffix() + ".example.org")).bearerAuth(OPERATOR).header("Idempotency-Key", key), Map.class));
        assertThat(changed.code()).isEqualTo(422);
        assertThat(api.resources(accountId)).hasSize(1);
    }

    @Test
    void rejectsBadInputNamingTheFieldAndWritesNothing() {
        String accountId = api.createAccount();
        assertBadRequest(accountId, Map.of("kind", "queue", "name", "jobs"), "kind");
        assertBadRequest(accountId, Map.of("kind", "postgres-database", "name", "Main DB"), "name");
        assertBadRequest(accountId, Map.of("kind", "postgres-database", "name", "a".repeat(41)), "name");
        assertBadRequest(accountId, Map.of("kind", "postgres-database"), "name");
        assertBadRequest(accountId, Map.of("kind", "bucket", "name", "media_files"), "name");
        HttpClientResponseException unknown = api.refused(accountId, Map.of("kind", "bucket", "name", "media", "colour", "red"));
        assertThat(unknown.code()).isEqualTo(400);
        assertThat(body(unknown)).contains("colour: is not a field of this request");
        assertBadRequest(accountId, Map.of("kind", "redis-namespace", "name", "cache", "domain", "x.example.org"), "domain");
        assertBadRequest(accountId, Map.of("kind", "site", "name", "www", "domain", "not_a_domain", "upstream", "http://a:1"), "domain");
        assertBadRequest(accountId, Map.of("kind", "site", "name", "www", "upstream", "http://a:1"), "domain");
        assertBadRequest(accountId, Map.of("kind", "site", "name", "www", "domain", "ok.example.org", "upstream", "http://a:1/x"),
                "upstream");
        assertBadRequest(accountId, Map.of("kind", "site", "name", "www", "domain", "ok.example.org",
                "upstream", "unix:/run/x.sock; evil"), "upstream");
        assertThat(api.resources(accountId)).isEmpty();
    }

    @Test
    void refusesResourcesForMissingOrSuspendedAccounts() throws SQLException {
        HttpClientResponseException missing = api.refused(UUID.randomUUID().toString(), Map.of("kind", "bucket", "name", "media"));
        assertThat(missing.code()).isEqualTo(404);

        String accountId = api.createAccount();
        try (Connection db = provisionerDatabase(); PreparedStatement ps = db.prepareStatement(
                "UPDATE account SET state = 'SUSPENDED' WHERE id = ?")) {
            ps.setObject(1, UUID.fromString(accountId));
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        HttpClientResponseException suspended = api.refused(accountId, Map.of("kind", "bucket", "name", "media"));
        assertThat(suspended.code()).isEqualTo(409);
        assertThat(body(suspended)).contains("urn:mooring:problem:account-not-ready").contains("SUSPENDED");

        HttpClientResponseException noResource = catchThrowableOfType(HttpClientResponseException.class,
                () -> api.deleteResource(accountId, UUID.randomUUID().toString()));
        assertThat(noResource.code()).isEqualTo(404);
    }

    private static Map<String, Object> site(String domain) {
        return Map.of("kind", "site", "name", "s-" + suffix(), "domain", domain, "upstream", "http://127.0.0.1:3000");
    }

    private void assertBadRequest(String accountId, Map<String, ?> request, String field) {
        HttpClientResponseException e = api.refused(accountId, request);
        assertThat(e.code()).as(field).isEqualTo(400);
        assertThat(body(e)).as(field).contains("\"field\":\"" + field + "\"");
    }

    private void assertEvents(String accountId, String resourceId, String... types) {
        try (TopicReader reader = new TopicReader(Servers.kafka().bootstrapServers(), Topics.PROVISIONING)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> resourceEvents(reader.events(), accountId, resourceId).size() >= types.length);
            assertThat(resourceEvents(reader.events(), accountId, resourceId)).containsExactly(types);
        }
    }

    private boolean roleExists(String role) throws SQLException {
        try (Connection admin = target.admin(); PreparedStatement ps = admin.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private Connection provisionerDatabase() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + properties.get("mooring.pg.host") + ":" + properties.get("mooring.pg.port")
                + "/" + properties.get("mooring.pg.database"), properties.get("mooring.pg.user"), properties.get("mooring.pg.password"));
    }
}
