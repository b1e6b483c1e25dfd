package io.mooring.backup.run;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.mooring.backup.TestStack;
import io.mooring.backup.artifact.ArtifactTestStack;
import io.mooring.backup.artifact.Manifest;
import io.mooring.backup.artifact.Manifests;
import io.mooring.backup.destination.Destination;
import io.mooring.backup.destination.Destinations;
import io.mooring.backup.policy.BackupPolicies;
import io.mooring.events.MooringEvent;
import io.mooring.events.Topics;
import io.mooring.events.backups.BackupPolicyDeleted;
import io.mooring.events.backups.BackupPruned;
import io.mooring.events.backups.BackupRunSucceeded;
import io.mooring.events.backups.BackupVerified;
import io.mooring.events.backups.RestoreCompleted;
import io.mooring.events.backups.RestoreStarted;
import io.mooring.testing.ApiClient;
import io.mooring.testing.EventTopics;
import io.mooring.testing.OutboxContract;
import io.mooring.testing.RedisClients;
import io.mooring.testing.S3Clients;
import io.mooring.testing.TopicReader;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Runs end to end through the real writers and restorers: a Postgres database with data backed up to S3, restored
 * into a new database with the same tables and rows, verified; retention pruning; a stopped policy's end.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunEndToEndIT implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String DATABASE = "runs_e2e_" + UUID.randomUUID().toString().substring(0, 8);

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    Destinations destinations;
    @Inject
    Manifests manifests;
    @Inject
    BackupPolicies policies;
    @Inject
    RestoreLedger ledger;
    @Inject
    RestoreStore restoreStore;
    @Inject
    TransactionOperations<Connection> transactions;

    private ApiClient api;
    private EventTopics kafka;
    private TopicReader backups;
    private final List<String> restored = new ArrayList<>();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(ArtifactTestStack.properties(RunEndToEndIT.class));
        properties.put("mooring.backup.heartbeat-interval", "500ms");
        properties.put("mooring.backup.stale-after", "60s");
        properties.put("mooring.backup.stopped-check-interval", "500ms");
        properties.put("mooring.backup.sweep-initial-delay", "0s");
        return properties;
    }

    @BeforeAll
    void setUp() throws Exception {
        TenantData.small(DATABASE);
        api = new ApiClient(http, TestStack.OPERATOR_TOKEN);
        kafka = new EventTopics(TestStack.kafkaBootstrap());
        backups = kafka.reader(Topics.BACKUPS);
    }

    @AfterAll
    void tearDown() throws Exception {
        backups.close();
        kafka.close();
        for (String database : restored) {
            TenantData.drop(database);
        }
        TenantData.drop(DATABASE);
        int checked = transactions.executeRead(status -> OutboxContract.assertEveryEventDecodes(status.getConnection()));
        assertThat(checked).isPositive();
    }

    @Test
    void aManualRunIsRestoredIntoANewDatabaseWithTheSameTablesAndRowsAndVerifies() throws Exception {
        String policyId = policy(DATABASE, Map.of("keepWithin", "P7D"));

        Map<String, Object> run = succeededRun(policyId);
        assertThat(((Number) run.get("progressBytes")).longValue()).as("a finished run's progress is all it read")
                .isEqualTo(((Number) run.get("plaintextBytes")).longValue()).isPositive();

        List<Map<String, Object>> artifacts = artifacts(run);
        assertThat(artifacts).hasSize(1);
        String key = (String) artifacts.getFirst().get("key");
        String manifestKey = (String) artifacts.getFirst().get("manifestKey");
        Destination destination = destinations.require("default");
        assertThat(s3().headObject(b -> b.bucket(destination.bucket()).key(key)).contentLength())
                .isEqualTo(((Number) artifacts.getFirst().get("storedBytes")).longValue());
        Manifest manifest = manifests.read(destination, manifestKey);
        Map<String, Long> source = TenantData.rowCounts(DATABASE);
        assertThat(manifest.tables()).isEqualTo(source).containsEntry("public.statuses", 900L)
                .containsEntry("media.attachments", 0L);
        String runId = (String) run.get("id");
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(BackupRunSucceeded.class))
                .anySatisfy(e -> {
                    assertThat(e.runId()).isEqualTo(runId);
                    assertThat(e.artifactKeys()).containsExactly(key);
                    assertThat(e.sha256()).isEqualTo(manifest.storedSha256());
                }));

        ApiClient.Reply restore = api.post("/v1/runs/" + runId + "/restore", Map.of());
        assertThat(restore.status()).as(restore.toString()).isEqualTo(202);
        String target = restore.get("targetName");
        restored.add(target);
        assertThat(target).startsWith(DATABASE + "_restored_");
        assertThat(finished(restore).get("state")).isEqualTo("SUCCEEDED");
        assertThat(TenantData.rowCounts(target)).isEqualTo(source);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(events(RestoreStarted.class)).anySatisfy(e -> assertThat(e.targetName()).isEqualTo(target));
            assertThat(events(RestoreCompleted.class)).anySatisfy(e -> assertThat(e.targetName()).isEqualTo(target));
        });

        ApiClient.Reply refused = api.post("/v1/runs/" + runId + "/restore", Map.of("targetName", target));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.tree().get("errors").get(0).get("field").asText()).isEqualTo("overwrite");
        ApiClient.Reply overwrite = api.post("/v1/runs/" + runId + "/restore", Map.of("targetName", target, "overwrite", true));
        assertThat(overwrite.status()).as(overwrite.toString()).isEqualTo(202);
        assertThat(finished(overwrite).get("state")).isEqualTo("SUCCEEDED");
        assertThat(TenantData.rowCounts(target)).isEqualTo(source);

        // a database whose owner the backup role cannot act as: refused before anything starts
        String foreign = ArtifactTestStack.databaseOfAStranger("runs_e2e_foreign", "runs_e2e_stranger");
        ApiClient.Reply notOwned = api.post("/v1/runs/" + runId + "/restore", Map.of("targetName", foreign, "overwrite", true));
        assertThat(notOwned.status()).as(notOwned.toString()).isEqualTo(409);
        assertThat(notOwned.tree().get("detail").asText()).contains("belongs to role runs_e2e_stranger");

        ApiClient.Reply verify = api.post("/v1/runs/" + runId + "/verify");
        assertThat(verify.status()).as(verify.toString()).isEqualTo(202);
        assertThat(finished(verify).get("state")).isEqualTo("SUCCEEDED");
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(BackupVerified.class))
                .anySatisfy(e -> {
                    assertThat(e.runId()).isEqualTo(runId);
                    assertThat(e.ok()).isTrue();
                }));
    }

    @Test
    void pruningKeepsWhatTheRulesKeepTheNewestAndARunARestoreIsReading() throws Exception {
        String policyId = policy(DATABASE, Map.of("keepLast", 1));
        String first = (String) succeededRun(policyId).get("id");
        // a restore of the oldest run is in progress while the next runs prune
        BackupRestore reading = ledger.begin(UUID.fromString(first), BackupRestore.Purpose.RESTORE, "runs_e2e_reading", false);
        String second = (String) succeededRun(policyId).get("id");
        String third = (String) succeededRun(policyId).get("id");

        await().atMost(WAIT).untilAsserted(() -> assertThat(state(second)).isEqualTo("PRUNED"));
        assertThat(state(first)).isEqualTo("SUCCEEDED");
        assertThat(state(third)).isEqualTo("SUCCEEDED");
        assertGone(api.get("/v1/runs/" + second));
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(BackupPruned.class))
                .filteredOn(e -> e.policyId().equals(policyId))
                .singleElement().satisfies(e -> {
                    assertThat(e.runId()).isEqualTo(second);
                    assertThat(e.reason()).isEqualTo("retention");
                }));

        ledger.finishRestore(reading.id(), null, 0);
        String fourth = (String) succeededRun(policyId).get("id");

        await().atMost(WAIT).untilAsserted(() -> assertThat(state(first)).isEqualTo("PRUNED"));
        assertThat(state(third)).isEqualTo("PRUNED");
        assertThat(api.get("/v1/runs?policyId=" + policyId + "&state=SUCCEEDED").items())
                .extracting(r -> r.get("id")).containsExactly(fourth);
    }

    @Test
    void aStoppedPolicyPastItsKeepTimeLosesItsArtifactsAndIsDeleted() throws Exception {
        String policyId = policy(DATABASE, Map.of("keepWithin", "P7D"));
        ApiClient.Reply run = api.get("/v1/runs/" + succeededRun(policyId).get("id"));

        transactions.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("UPDATE backup_policy SET state = 'STOPPED', "
                    + "keep_artifacts_until = now() - interval '1 minute' WHERE id = ?")) {
                ps.setObject(1, UUID.fromString(policyId));
                return ps.executeUpdate();
            }
        });

        await().atMost(WAIT).untilAsserted(() -> assertThat(policies.find(UUID.fromString(policyId))).isEmpty());
        assertThat(state(run.get("id"))).isEqualTo("PRUNED");
        assertGone(run);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(events(BackupPruned.class)).anySatisfy(e -> {
                assertThat(e.runId()).isEqualTo(run.get("id"));
                assertThat(e.reason()).isEqualTo("policy-stopped");
            });
            assertThat(events(BackupPolicyDeleted.class)).anySatisfy(e -> assertThat(e.policyId()).isEqualTo(policyId));
        });
    }

    @Test
    void anAccountPolicyBacksUpItsDatabaseRedisKeysAndBucketAndRestoresEach() throws Exception {
        String account = "e2e" + UUID.randomUUID().toString().substring(0, 8);
        String bucket = "runs-e2e-" + account;
        String prefix = "acct:" + account + ":";
        ArtifactTestStack.createBucket(bucket);
        S3Client tenantS3 = S3Clients.shared();
        tenantS3.putObject(b -> b.bucket(bucket).key("index.html"), RequestBody.fromString("<h1>hi</h1>"));
        tenantS3.putObject(b -> b.bucket(bucket).key("media/logo.svg"), RequestBody.fromString("<svg/>"));
        tenantS3.putObject(b -> b.bucket(bucket).key("media/photo.bin"), RequestBody.fromBytes(new byte[100_000]));
        RedisClient admin = RedisClients.admin();
        try (var connection = admin.connect()) {
            var redis = connection.sync();
            redis.set(prefix + "plain", "hello");
            redis.hset(prefix + "hash", Map.of("a", "1", "b", "2"));
            redis.set(prefix + "expiring", "soon", SetArgs.Builder.ex(3600));
            record(account, "postgres-database", DATABASE);
            record(account, "redis-namespace", account);
            record(account, "bucket", bucket);
            ApiClient.Reply created = api.post("/v1/policies", Map.of("accountId", account, "targetKind", "account",
                    "targetName", account, "schedule", "0 3 * * *", "retentionDays", 7));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);

            Map<String, Object> run = succeededRun(created.get("id"));

            assertThat(artifacts(run)).extracting(a -> a.get("targetKind"))
                    .containsExactlyInAnyOrder("postgres-database", "redis-namespace", "bucket");
            // the mirror's part of the progress is the bytes it copied, not its inventory's size
            long readOrCopied = artifacts(run).stream().filter(a -> !"bucket".equals(a.get("targetKind")))
                    .mapToLong(a -> ((Number) a.get("plaintextBytes")).longValue()).sum() + 100_000 + 11 + 6;
            assertThat(((Number) run.get("progressBytes")).longValue()).isGreaterThanOrEqualTo(readOrCopied);
            redis.del(prefix + "plain", prefix + "hash", prefix + "expiring");
            ApiClient.Reply restore = api.post("/v1/runs/" + run.get("id") + "/restore", Map.of());
            assertThat(restore.status()).as(restore.toString()).isEqualTo(202);
            Map<String, Object> restoreDone = finished(restore);
            assertThat(restoreDone.get("state")).as(api.get(restore.location().orElseThrow()).toString())
                    .isEqualTo("SUCCEEDED");
            assertThat(((Number) restoreDone.get("progressBytes")).longValue()).isGreaterThanOrEqualTo(readOrCopied);

            List<String> targets = List.of(restore.get("targetName").split(", "));
            String database = targets.stream().filter(t -> t.startsWith(DATABASE + "_restored_")).findFirst().orElseThrow();
            restored.add(database);
            assertThat(TenantData.rowCounts(database)).isEqualTo(TenantData.rowCounts(DATABASE));
            assertThat(redis.get(prefix + "plain")).isEqualTo("hello");
            assertThat(redis.hgetall(prefix + "hash")).isEqualTo(Map.of("a", "1", "b", "2"));
            assertThat(redis.ttl(prefix + "expiring")).isBetween(1L, 3600L);
            String copy = targets.stream().filter(t -> t.startsWith(bucket + "-restored-")).findFirst().orElseThrow();
            assertThat(tenantS3.getObjectAsBytes(b -> b.bucket(copy).key("media/logo.svg")).asUtf8String()).isEqualTo("<svg/>");
            assertThat(tenantS3.listObjectsV2(b -> b.bucket(copy)).contents()).extracting(o -> o.key())
                    .containsExactlyInAnyOrder("index.html", "media/logo.svg", "media/photo.bin");

            ApiClient.Reply again = api.post("/v1/runs/" + run.get("id") + "/restore", Map.of());
            assertThat(again.status()).as(again.toString()).isEqualTo(400);
            assertThat(again.tree().get("errors").get(0).get("field").asText()).isEqualTo("overwrite");
        } finally {
            admin.shutdown();
            tenantS3.close();
        }
    }

    @Test
    void aVerificationThatAStoppedInstanceLeftIsNotAFailedVerificationAndIsDoneAgain() throws Exception {
        String policyId = policy(DATABASE, Map.of("keepWithin", "P7D"));
        UUID runId = UUID.fromString((String) succeededRun(policyId).get("id"));
        BackupRestore left = ledger.begin(runId, BackupRestore.Purpose.VERIFY, "verify_left_" + runId.toString()
                .substring(0, 8), false);

        // as the sweeper does once nobody heartbeats it
        List<BackupRestore> failed = ledger.failStale(Instant.now().plusSeconds(1));

        assertThat(failed).extracting(BackupRestore::id).contains(left.id());
        assertThat(failed).filteredOn(r -> r.id().equals(left.id())).singleElement()
                .satisfies(r -> assertThat(r.reason()).startsWith("interrupted: instance"));
        long announced = transactions.executeRead(status -> {
            try (var ps = status.getConnection().prepareStatement("SELECT count(*) FROM mooring_outbox"
                    + " WHERE event_type = 'mooring.backups.run.verified.v1' AND data->>'runId' = ?")) {
                ps.setString(1, runId.toString());
                try (var rows = ps.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
        assertThat(announced).as("a verification the service did not finish says nothing of the artifact").isZero();
        assertThat(restoreStore.lastVerification(UUID.fromString(policyId))).as("so it is done again").isEmpty();
    }

    private void record(String account, String kind, String name) {
        transactions.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("INSERT INTO account_resource "
                    + "(account_id, resource_id, kind, name, recorded_at) VALUES (?, ?, ?, ?, now())")) {
                ps.setString(1, account);
                ps.setString(2, "res-" + UUID.randomUUID());
                ps.setString(3, kind);
                ps.setString(4, name);
                return ps.executeUpdate();
            }
        });
    }

    private String policy(String database, Map<String, Object> retention) {
        ApiClient.Reply created = api.post("/v1/policies", Map.of("accountId", "acct-" + UUID.randomUUID(),
                "targetKind", "postgres-database", "targetName", database, "schedule", "0 3 * * *",
                "retention", retention));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.get("id");
    }

    private Map<String, Object> succeededRun(String policyId) {
        ApiClient.Reply accepted = api.post("/v1/policies/" + policyId + "/runs");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String runId = accepted.get("id");
        await().atMost(WAIT).until(() -> !"RUNNING".equals(state(runId)));
        ApiClient.Reply run = api.get("/v1/runs/" + runId);
        assertThat(run.get("state")).as(run.toString()).isEqualTo("SUCCEEDED");
        return run.json();
    }

    private Map<String, Object> finished(ApiClient.Reply accepted) {
        String path = accepted.location().orElseThrow();
        await().atMost(WAIT).until(() -> !"RUNNING".equals(api.get(path).get("state")));
        return api.get(path).json();
    }

    private String state(String runId) {
        return api.get("/v1/runs/" + runId).get("state");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> artifacts(Map<String, Object> run) {
        return (List<Map<String, Object>>) run.get("artifacts");
    }

    private void assertGone(ApiClient.Reply run) {
        Destination destination = destinations.require("default");
        for (Map<String, Object> artifact : artifacts(run.json())) {
            for (String key : List.of((String) artifact.get("key"), (String) artifact.get("manifestKey"))) {
                assertThatThrownBy(() -> s3().headObject(b -> b.bucket(destination.bucket()).key(key)))
                        .as("object %s", key).isInstanceOf(NoSuchKeyException.class);
            }
        }
    }

    private S3Client s3() {
        return destinations.client(destinations.require("default"));
    }

    private <T extends MooringEvent> List<T> events(Class<T> type) {
        return backups.events().stream().flatMap(e -> e.dataAs(type).stream()).toList();
    }
}
