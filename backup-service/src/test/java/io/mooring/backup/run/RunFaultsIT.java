package io.mooring.backup.run;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.mooring.backup.TestStack;
import io.mooring.backup.artifact.ArtifactTestStack;
import io.mooring.testing.TcpRelay;
import io.mooring.events.Topics;
import io.mooring.events.backups.BackupRunFailed;
import io.mooring.events.backups.BackupRunStarted;
import io.mooring.events.backups.BackupRunSucceeded;
import io.mooring.stack.KafkaServer;
import io.mooring.stack.S3Server;
import io.mooring.stack.Servers;
import io.mooring.testing.ApiClient;
import io.mooring.testing.TopicReader;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults during runs, on real servers: S3 unreachable mid-upload, the tenant Postgres ending the dump's sessions,
 * Kafka down. Scheduled runs fail cleanly and the next attempt of their slot succeeds; every run reported SUCCEEDED
 * restores with the source's tables and rows. A bandwidth cap keeps each run in progress for seconds.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunFaultsIT implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String DATABASE = "runs_faults_" + UUID.randomUUID().toString().substring(0, 8);
    private static final String RELAYED_BUCKET = "runs-relayed";
    private static final TcpRelay RELAY = relayToS3();

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    TransactionOperations<Connection> transactions;

    private ApiClient api;
    private Map<String, Long> source;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(ArtifactTestStack.properties(RunFaultsIT.class));
        S3Server s3 = Servers.s3();
        ArtifactTestStack.createBucket(RELAYED_BUCKET);
        String relayed = "mooring.backup.destinations.relayed.";
        properties.put(relayed + "endpoint", "http://127.0.0.1:" + RELAY.port());
        properties.put(relayed + "region", s3.region());
        properties.put(relayed + "bucket", RELAYED_BUCKET);
        properties.put(relayed + "access-key", s3.accessKey());
        properties.put(relayed + "secret-key", s3.secretKey());
        properties.put(relayed + "path-style", "true");
        properties.put("mooring.backup.part-size", Integer.toString(5 * 1024 * 1024));
        properties.put("mooring.backup.bandwidth-per-run", Integer.toString(1024 * 1024));
        properties.put("mooring.backup.heartbeat-interval", "500ms");
        properties.put("mooring.backup.stale-after", "60s");
        properties.put("mooring.backup.schedule-check-interval", "500ms");
        properties.put("mooring.backup.schedule-initial-delay", "0s");
        properties.put("mooring.backup.retry-delay", "1s");
        properties.put("mooring.backup.retry-max-delay", "2s");
        return properties;
    }

    @BeforeAll
    void setUp() throws Exception {
        RELAY.start();
        TenantData.slow(DATABASE);
        source = TenantData.rowCounts(DATABASE);
        api = new ApiClient(http, TestStack.OPERATOR_TOKEN);
    }

    @AfterAll
    void tearDown() throws Exception {
        RELAY.stop();
        TenantData.drop(DATABASE);
    }

    @Test
    void s3UnreachableMidUploadFailsTheAttemptAndTheNextAttemptOfTheSlotSucceeds() throws Exception {
        String policyId = scheduledPolicy("relayed");
        String first = await().atMost(WAIT).until(() -> running(policyId, 3L * 1024 * 1024), id -> id != null);

        RELAY.stop();
        try {
            await().atMost(WAIT).untilAsserted(() -> assertThat(run(first).get("state")).isEqualTo("FAILED"));
        } finally {
            RELAY.start();
        }

        Map<String, Object> failed = run(first).json();
        assertThat(failed.get("failure")).isEqualTo("transient");
        assertThat(failed.get("attempt")).isEqualTo(1);
        assertThat(failed.get("artifacts")).asList().isEmpty();
        String retried = succeededRetry(policyId);
        assertEveryEventOnce(policyId, first, retried);
        assertRestoresTheSource(retried);
    }

    @Test
    void postgresEndingTheDumpsSessionsFailsTheAttemptAndTheNextAttemptOfTheSlotSucceeds() throws Exception {
        String policyId = scheduledPolicy("default");
        String first = await().atMost(WAIT).until(() -> running(policyId, 0), id -> id != null);

        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> TenantData.terminateDump() > 0);

        await().atMost(WAIT).untilAsserted(() -> assertThat(run(first).get("state")).isEqualTo("FAILED"));
        ApiClient.Reply failed = run(first);
        assertThat(failed.get("failure")).isEqualTo("transient");
        assertThat(failed.get("reason")).contains("pg_dump exited");
        String retried = succeededRetry(policyId);
        assertEveryEventOnce(policyId, first, retried);
        assertRestoresTheSource(retried);
    }

    @Test
    void aRunWhileKafkaIsDownSucceedsAndItsEventsArriveWhenKafkaReturns() throws Exception {
        KafkaServer kafka = Servers.kafka();
        String policyId = policy("default");
        String runId = api.post("/v1/policies/" + policyId + "/runs").get("id");
        await().atMost(WAIT).until(() -> running(policyId, 1024 * 1024) != null);

        kafka.stop();
        try {
            await().atMost(WAIT).untilAsserted(() -> assertThat(run(runId).get("state")).isEqualTo("SUCCEEDED"));
        } finally {
            kafka.start();
        }

        try (TopicReader backups = new TopicReader(kafka.bootstrapServers(), Topics.BACKUPS)) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(backups.events())
                    .filteredOn(e -> e.dataAs(BackupRunStarted.class).filter(s -> s.runId().equals(runId)).isPresent()
                            || e.dataAs(BackupRunSucceeded.class).filter(s -> s.runId().equals(runId)).isPresent())
                    .extracting(e -> e.type())
                    .containsExactly("mooring.backups.run.started.v1", "mooring.backups.run.succeeded.v1"));
        }
        assertRestoresTheSource(runId);
    }

    /** A policy on the slow database whose latest slot (03:00 UTC, created two days ago) is due now. */
    private String scheduledPolicy(String destination) {
        String policyId = policy(destination);
        transactions.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "UPDATE backup_policy SET created_at = created_at - interval '2 days' WHERE id = ?")) {
                ps.setObject(1, UUID.fromString(policyId));
                return ps.executeUpdate();
            }
        });
        return policyId;
    }

    private String policy(String destination) {
        ApiClient.Reply created = api.post("/v1/policies", Map.of("accountId", "acct-" + UUID.randomUUID(),
                "targetKind", "postgres-database", "targetName", DATABASE, "schedule", "0 3 * * *",
                "retentionDays", 7, "destination", destination));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.get("id");
    }

    /** The policy's RUNNING run once it has read {@code bytes}, else null. */
    private String running(String policyId, long bytes) {
        return api.get("/v1/runs?policyId=" + policyId + "&state=RUNNING").items().stream()
                .filter(r -> ((Number) r.get("progressBytes")).longValue() >= bytes)
                .map(r -> (String) r.get("id")).findFirst().orElse(null);
    }

    /** The SUCCEEDED later attempt of the policy's slot. */
    private String succeededRetry(String policyId) {
        await().atMost(WAIT).until(() -> !runs(policyId, "SUCCEEDED").isEmpty());
        Map<String, Object> done = runs(policyId, "SUCCEEDED").getFirst();
        assertThat(done.get("trigger")).isEqualTo("schedule");
        assertThat((Integer) done.get("attempt")).isGreaterThan(1);
        assertThat(runs(policyId, "SUCCEEDED")).hasSize(1);
        assertThat(runs(policyId, "RUNNING")).isEmpty();
        return (String) done.get("id");
    }

    private void assertEveryEventOnce(String policyId, String failed, String succeeded) {
        try (TopicReader backups = new TopicReader(TestStack.kafkaBootstrap(), Topics.BACKUPS)) {
            await().atMost(WAIT).untilAsserted(() -> {
                var events = backups.events();
                assertThat(events.stream().flatMap(e -> e.dataAs(BackupRunFailed.class).stream())
                        .filter(e -> e.policyId().equals(policyId)).map(BackupRunFailed::runId)).contains(failed);
                assertThat(events.stream().flatMap(e -> e.dataAs(BackupRunSucceeded.class).stream())
                        .filter(e -> e.policyId().equals(policyId)).map(BackupRunSucceeded::runId))
                        .containsExactly(succeeded);
            });
        }
    }

    private void assertRestoresTheSource(String runId) throws Exception {
        ApiClient.Reply restore = api.post("/v1/runs/" + runId + "/restore", Map.of());
        assertThat(restore.status()).as(restore.toString()).isEqualTo(202);
        String path = restore.location().orElseThrow();
        try {
            await().atMost(WAIT).until(() -> !"RUNNING".equals(api.get(path).get("state")));
            assertThat(api.get(path).get("state")).as(api.get(path).toString()).isEqualTo("SUCCEEDED");
            assertThat(TenantData.rowCounts(restore.get("targetName"))).isEqualTo(source);
        } finally {
            TenantData.drop(restore.get("targetName"));
        }
    }

    private ApiClient.Reply run(String runId) {
        return api.get("/v1/runs/" + runId);
    }

    private List<Map<String, Object>> runs(String policyId, String state) {
        return api.get("/v1/runs?policyId=" + policyId + "&state=" + state).items();
    }

    private static TcpRelay relayToS3() {
        URI endpoint = URI.create(Servers.s3().endpoint());
        return new TcpRelay(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()));
    }
}
