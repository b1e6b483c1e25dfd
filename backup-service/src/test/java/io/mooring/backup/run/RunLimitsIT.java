package io.mooring.backup.run;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.mooring.backup.TestStack;
import io.mooring.backup.artifact.ArtifactTestStack;
import io.mooring.backup.destination.Destination;
import io.mooring.backup.destination.Destinations;
import io.mooring.events.Topics;
import io.mooring.events.backups.BackupRunFailed;
import io.mooring.events.backups.BackupVerified;
import io.mooring.testing.ApiClient;
import io.mooring.testing.TopicReader;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The run limits and the verification schedule end to end, on real servers: a run past {@code run-timeout} fails as
 * {@code timeout} leaving nothing stored, a second run waits for the only execution slot
 * ({@code max-concurrent-runs 1}) and then succeeds, and the verification schedule (every minute here) verifies the
 * newest run of a database policy by itself.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunLimitsIT implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String SLOW = "runs_limits_slow_" + UUID.randomUUID().toString().substring(0, 8);
    private static final String SMALL = "runs_limits_small_" + UUID.randomUUID().toString().substring(0, 8);

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    Destinations destinations;
    @Inject
    TransactionOperations<Connection> transactions;

    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(ArtifactTestStack.properties(RunLimitsIT.class));
        properties.put("mooring.backup.part-size", Integer.toString(5 * 1024 * 1024));
        // the slow database's 6 MiB take 12 s at this rate, the small one's well under the timeout
        properties.put("mooring.backup.bandwidth-per-run", Integer.toString(512 * 1024));
        properties.put("mooring.backup.run-timeout", "5s");
        properties.put("mooring.backup.max-concurrent-runs", "1");
        properties.put("mooring.backup.heartbeat-interval", "300ms");
        properties.put("mooring.backup.verify-schedule", "* * * * *");
        properties.put("mooring.backup.verify-check-interval", "500ms");
        properties.put("mooring.backup.schedule-initial-delay", "0s");
        return properties;
    }

    @BeforeAll
    void setUp() throws Exception {
        TenantData.slow(SLOW);
        TenantData.small(SMALL);
        api = new ApiClient(http, TestStack.OPERATOR_TOKEN);
    }

    @AfterAll
    void tearDown() throws Exception {
        TenantData.drop(SLOW);
        TenantData.drop(SMALL);
    }

    @Test
    void aRunPastTheTimeoutFailsAsTimeoutLeavingNothingWhileTheNextRunWaitsForTheOnlySlot() throws Exception {
        String slowPolicy = policy(SLOW);
        String smallPolicy = policy(SMALL);
        String slow = startRun(slowPolicy);
        String waiting = startRun(smallPolicy);

        await().atMost(WAIT).until(() -> !"RUNNING".equals(run(slow).get("state")));
        Map<String, Object> timedOut = run(slow).json();
        assertThat(timedOut.get("state")).as(timedOut.toString()).isEqualTo("FAILED");
        assertThat(timedOut.get("failure")).isEqualTo("timeout");
        assertThat(timedOut.get("artifacts")).asList().isEmpty();
        Destination destination = destinations.require("default");
        String prefix = ArtifactKeys.ofRun(destination, (String) timedOut.get("accountId"), UUID.fromString(slowPolicy),
                UUID.fromString(slow));
        assertThat(destinations.client(destination).listObjectsV2(b -> b.bucket(destination.bucket()).prefix(prefix))
                .contents()).isEmpty();
        assertThat(openUploadsOf(slow)).isZero();

        await().atMost(WAIT).until(() -> !"RUNNING".equals(run(waiting).get("state")));
        Map<String, Object> waited = run(waiting).json();
        assertThat(waited.get("state")).as(waited.toString()).isEqualTo("SUCCEEDED");
        // the small run takes about a second: it ended after the slow one only because it waited for the slot
        assertThat(Instant.parse((String) waited.get("finishedAt")))
                .isAfter(Instant.parse((String) timedOut.get("finishedAt")));
        try (TopicReader backups = new TopicReader(TestStack.kafkaBootstrap(), Topics.BACKUPS)) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(backups.events().stream()
                    .flatMap(e -> e.dataAs(BackupRunFailed.class).stream())
                    .filter(e -> e.runId().equals(slow)).map(BackupRunFailed::failure)).containsExactly("timeout"));
        }
    }

    @Test
    void theVerificationScheduleVerifiesTheNewestRunOfADatabasePolicyByItself() {
        String policyId = policy(SMALL);
        String runId = startRun(policyId);
        await().atMost(WAIT).until(() -> !"RUNNING".equals(run(runId).get("state")));
        assertThat(run(runId).get("state")).isEqualTo("SUCCEEDED");

        try (TopicReader backups = new TopicReader(TestStack.kafkaBootstrap(), Topics.BACKUPS)) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(backups.events().stream()
                    .flatMap(e -> e.dataAs(BackupVerified.class).stream())
                    .filter(e -> e.runId().equals(runId))).singleElement().satisfies(e -> {
                        assertThat(e.ok()).as(String.valueOf(e.reason())).isTrue();
                        assertThat(e.policyId()).isEqualTo(policyId);
                    }));
        }
    }

    private String policy(String database) {
        ApiClient.Reply created = api.post("/v1/policies", Map.of("accountId", "acct-" + UUID.randomUUID(),
                "targetKind", "postgres-database", "targetName", database, "schedule", "0 3 * * *",
                "retention", Map.of("keepLast", 3)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.get("id");
    }

    private String startRun(String policyId) {
        ApiClient.Reply accepted = api.post("/v1/policies/" + policyId + "/runs");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        return accepted.get("id");
    }

    private ApiClient.Reply run(String runId) {
        return api.get("/v1/runs/" + runId);
    }

    private long openUploadsOf(String runId) {
        return transactions.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "SELECT count(*) FROM open_upload WHERE strpos(object_key, ?) > 0")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
