package io.mooring.provisioner.resource.work;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.provisioner.account.AccountActivator;
import io.mooring.testing.RealServersProperties;
import io.mooring.stack.ServerKind;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How replicas share resource operations, with the background worker off so the test takes each
 * claim itself: a row another transaction holds is skipped, not waited for, and an operation whose
 * holder's lease ran out is claimed again.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkQueueIT implements TestPropertyProvider {
    private static final String TOKEN = "work-queue-it";

    @Inject
    WorkQueue queue;

    @Inject
    AccountActivator activator;

    @Inject
    @Client("/")
    HttpClient client;

    private Map<String, String> properties;

    @Override
    public Map<String, String> getProperties() {
        properties = new HashMap<>(RealServersProperties.withFreshDatabase("provisioner", ServerKind.KAFKA, ServerKind.POSTGRES, ServerKind.REDIS));
        properties.put("mooring.auth.operator-tokens", TOKEN);
        properties.put("mooring.provisioner.worker.enabled", "false");
        return properties;
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a claim that waited for the locked row instead of skipping it would hang here
    void skipsOperationsAnotherReplicaHoldsAndReclaimsThoseWhoseLeaseEnded() throws SQLException {
        String accountId = createAccount();
        UUID first = insertDueSite(accountId, "one", 2);
        UUID second = insertDueSite(accountId, "two", 1);

        try (Connection other = database()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("SELECT id FROM operation WHERE id = ? FOR UPDATE")) {
                lock.setObject(1, first);
                lock.executeQuery().close();
            }
            Optional<Claim> claim = queue.claimNext(Duration.ofMinutes(1));
            assertThat(claim).map(c -> c.operation().id()).contains(second);
            assertThat(claim.get().attempt()).isEqualTo(1);
            assertThat(claim.get().resource().state().name()).isEqualTo("PROVISIONING");
            assertThat(queue.claimNext(Duration.ofMinutes(1))).as("the only other one is locked").isEmpty();
            other.rollback();
        }

        Claim released = queue.claimNext(Duration.ZERO).orElseThrow();
        assertThat(released.operation().id()).isEqualTo(first);
        Claim again = queue.claimNext(Duration.ofMinutes(1)).orElseThrow();
        assertThat(again.operation().id()).as("its lease ended at once").isEqualTo(first);
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(queue.claimNext(Duration.ofMinutes(1))).isEmpty();

        queue.retryAt(released, "late outcome of the first holder", Instant.now());
        assertThat(queue.claimNext(Duration.ofMinutes(1))).as("an outdated holder cannot reschedule it").isEmpty();
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void failsAnOperationWhoseAttemptsNeverRecordedAnOutcome() throws SQLException {
        String accountId = createAccount();
        UUID operation = insertDueSite(accountId, "poison", 1);
        try (Connection db = database(); PreparedStatement ps = db.prepareStatement(
                "UPDATE operation SET attempts = 10 WHERE id = ?")) {
            ps.setObject(1, operation);
            ps.executeUpdate();
        }
        assertThat(queue.claimNext(Duration.ofMinutes(1))).isEmpty();
        Map<?, ?> failed = client.toBlocking().retrieve(HttpRequest.GET("/v1/operations/" + operation).bearerAuth(TOKEN), Map.class);
        assertThat(failed.get("state")).isEqualTo("FAILED");
        assertThat((String) failed.get("error")).isEqualTo("gave up after 10 attempts that recorded no outcome");
        Map<?, ?> resource = client.toBlocking().retrieve(HttpRequest.GET("/v1/accounts/" + accountId + "/resources/"
                + failed.get("targetId")).bearerAuth(TOKEN), Map.class);
        assertThat(resource.get("state")).isEqualTo("FAILED");
    }

    private String createAccount() {
        client.toBlocking().exchange(HttpRequest.POST("/v1/hosts", Map.of("name", "h-" + UUID.randomUUID().toString().substring(0, 8),
                "datacenter", "par1", "cpuCores", 8, "memoryMb", 65536, "diskGb", 500)).bearerAuth(TOKEN), Map.class);
        Map<?, ?> operation = client.toBlocking().retrieve(HttpRequest.POST("/v1/accounts", Map.of("name",
                "q-" + UUID.randomUUID().toString().substring(0, 8), "plan", "small", "ownerEmail", "ops@example.org"))
                .bearerAuth(TOKEN), Map.class);
        String accountId = (String) operation.get("targetId");
        assertThat(activator.runNext()).as("the workers are off: the test places the account").isTrue();
        assertThat(client.toBlocking().retrieve(HttpRequest.GET("/v1/accounts/" + accountId).bearerAuth(TOKEN), Map.class)
                .get("state")).isEqualTo("READY");
        return accountId;
    }

    /** A requested site and its create operation, due {@code secondsAgo}. */
    private UUID insertDueSite(String accountId, String name, int secondsAgo) throws SQLException {
        UUID resourceId = UUID.randomUUID();
        UUID operationId = UUID.randomUUID();
        try (Connection db = database()) {
            db.setAutoCommit(false);
            try (PreparedStatement resource = db.prepareStatement("""
                    INSERT INTO resource (id, account_id, kind, name, state, spec, created_at, updated_at)
                    VALUES (?, ?, 'site', ?, 'REQUESTED', ?::jsonb, now(), now())""");
                 PreparedStatement operation = db.prepareStatement("""
                    INSERT INTO operation (id, kind, target_id, state, steps, attempts, next_attempt_at, created_at, updated_at)
                    VALUES (?, 'resource.create', ?, 'RUNNING', '[]', 0, now() - make_interval(secs => ?), now(), now())""")) {
                resource.setObject(1, resourceId);
                resource.setObject(2, UUID.fromString(accountId));
                resource.setString(3, name);
                resource.setString(4, "{\"domain\":\"" + name + "-" + resourceId + ".example.org\",\"upstream\":\"http://127.0.0.1:1\"}");
                resource.executeUpdate();
                operation.setObject(1, operationId);
                operation.setObject(2, resourceId);
                operation.setInt(3, secondsAgo);
                operation.executeUpdate();
            }
            db.commit();
        }
        return operationId;
    }

    private Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + properties.get("mooring.pg.host") + ":" + properties.get("mooring.pg.port")
                + "/" + properties.get("mooring.pg.database"), properties.get("mooring.pg.user"), properties.get("mooring.pg.password"));
    }
}
