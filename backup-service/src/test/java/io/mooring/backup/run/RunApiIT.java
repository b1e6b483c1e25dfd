package io.mooring.backup.run;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.mooring.backup.TestStack;
import io.mooring.backup.policy.BackupPolicies;
import io.mooring.backup.policy.BackupPolicy;
import io.mooring.backup.policy.CronSchedule;
import io.mooring.backup.policy.TargetKind;
import io.mooring.events.EventEnvelope;
import io.mooring.events.MooringEvent;
import io.mooring.events.Topics;
import io.mooring.events.backups.BackupRunFailed;
import io.mooring.events.backups.BackupRunStarted;
import io.mooring.events.backups.BackupCommandRejected;
import io.mooring.events.chatops.CommandIssued;
import io.mooring.testing.ApiClient;
import io.mooring.testing.EventTopics;
import io.mooring.testing.HostileInputSweep;
import io.mooring.testing.OutboxContract;
import io.mooring.testing.TopicReader;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs as operations through the API and chat-ops against real Postgres, Kafka, Redis and S3: the paths that need
 * no writer (an account policy whose account has no resource the service knows fails permanently), the run state
 * rules, the sweeper, and bad input.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunApiIT implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EmbeddedServer server;
    @Inject
    @Client("/")
    HttpClient http;
    private ApiClient api;
    @Inject
    BackupPolicies policies;
    @Inject
    BackupRuns runs;
    @Inject
    TransactionOperations<Connection> transactions;

    private EventTopics kafka;
    private TopicReader backups;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestStack.properties(RunApiIT.class));
        properties.putAll(io.mooring.stack.Servers.properties(io.mooring.stack.ServerKind.S3));
        properties.put("mooring.backup.stale-after", "2s");
        properties.put("mooring.backup.sweep-interval", "500ms");
        properties.put("mooring.backup.sweep-initial-delay", "0s");
        return properties;
    }

    @BeforeAll
    void connect() {
        kafka = new EventTopics(TestStack.kafkaBootstrap()).create(Topics.CHATOPS_COMMANDS);
        backups = kafka.reader(Topics.BACKUPS);
        api = new ApiClient(http, TestStack.OPERATOR_TOKEN);
    }

    @AfterAll
    void everyEventWrittenToTheOutboxDecodesThroughTheContract() {
        backups.close();
        kafka.close();
        int checked = transactions.executeRead(status -> OutboxContract.assertEveryEventDecodes(status.getConnection()));
        assertThat(checked).isPositive();
    }

    private BackupPolicy accountPolicy() {
        String account = "acct-" + UUID.randomUUID();
        return policies.create(new BackupPolicies.Draft(account, TargetKind.ACCOUNT, account, CronSchedule.parse("0 3 * * *"), 7))
                .orElseThrow();
    }

    @Test
    void aManualRunIsAnOperationThatEndsFailedWithAClassifiedReasonAndItsEvents() {
        BackupPolicy policy = accountPolicy();

        ApiClient.Reply accepted = api.post("/v1/policies/" + policy.id() + "/runs");

        assertThat(accepted.status()).isEqualTo(202);
        String runId = accepted.get("id");
        assertThat(accepted.location()).contains("/v1/runs/" + runId);
        assertThat(accepted.get("trigger")).isEqualTo("manual");
        assertThat(accepted.json()).containsKey("progressBytes");
        await().atMost(WAIT).untilAsserted(() -> assertThat(api.get("/v1/runs/" + runId).get("state")).isEqualTo("FAILED"));
        ApiClient.Reply failed = api.get("/v1/runs/" + runId);
        assertThat(failed.get("failure")).isEqualTo("permanent");
        assertThat(failed.get("reason")).contains("has no resource the service knows of");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(events(BackupRunStarted.class)).anySatisfy(e -> {
                assertThat(e.runId()).isEqualTo(runId);
                assertThat(e.trigger()).isEqualTo("manual");
            });
            assertThat(events(BackupRunFailed.class)).anySatisfy(e -> {
                assertThat(e.runId()).isEqualTo(runId);
                assertThat(e.failure()).isEqualTo("permanent");
                assertThat(e.durationSeconds()).isNotNull();
            });
        });
    }

    @Test
    void aSecondManualRunWhileThePolicyRunsIsAConflictNamingTheRunningRun() {
        BackupPolicy policy = accountPolicy();
        BackupRun running = runs.begin(policy, Trigger.MANUAL, null, 1);

        ApiClient.Reply again = api.post("/v1/policies/" + policy.id() + "/runs");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.problem()).isEqualTo("run-in-progress");
        assertThat(again.get("detail")).contains("/v1/runs/" + running.id());
        assertThat(api.post("/v1/policies/" + UUID.randomUUID() + "/runs").status()).isEqualTo(404);
    }

    @Test
    void aRunLeftRunningByADeadInstanceIsFailedAsInterruptedByTheSweeper() {
        BackupPolicy policy = accountPolicy();
        // begun and never executed here: like the run of an instance that died, nobody heartbeats it
        BackupRun orphan = runs.begin(policy, Trigger.SCHEDULE, Instant.parse("2025-06-01T03:00:00Z"), 1);

        await().atMost(WAIT).untilAsserted(() -> assertThat(api.get("/v1/runs/" + orphan.id()).get("state"))
                .isEqualTo("FAILED"));
        ApiClient.Reply failed = api.get("/v1/runs/" + orphan.id());
        assertThat(failed.get("failure")).isEqualTo("interrupted");
        assertThat(failed.get("reason")).startsWith("interrupted: instance");
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(BackupRunFailed.class)).anySatisfy(e -> {
            assertThat(e.runId()).isEqualTo(orphan.id().toString());
            assertThat(e.failure()).isEqualTo("interrupted");
            assertThat(e.trigger()).isEqualTo("schedule");
        }));
    }

    @Test
    void onlyASucceededRunCanBeRestoredOrVerified() {
        BackupPolicy policy = accountPolicy();
        BackupRun failed = runs.begin(policy, Trigger.MANUAL, null, 1);
        runs.fail(failed.id(), "the S3 endpoint did not answer", Failure.TRANSIENT);

        ApiClient.Reply restore = api.post("/v1/runs/" + failed.id() + "/restore", Map.of());
        ApiClient.Reply verify = api.post("/v1/runs/" + failed.id() + "/verify");

        assertThat(restore.status()).isEqualTo(409);
        assertThat(restore.problem()).isEqualTo("run-not-restorable");
        assertThat(restore.get("detail")).contains("is FAILED");
        assertThat(verify.status()).isEqualTo(409);
        assertThat(api.post("/v1/runs/" + UUID.randomUUID() + "/restore", Map.of()).status()).isEqualTo(404);
        assertThat(api.get("/v1/restores/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void runsArePagedByCursorAndFilteredByPolicyAccountAndState() {
        BackupPolicy policy = accountPolicy();
        for (int i = 0; i < 3; i++) {
            BackupRun run = runs.begin(policy, Trigger.MANUAL, null, 1);
            runs.fail(run.id(), "attempt " + i, Failure.TRANSIENT);
        }

        ApiClient.Reply first = api.get("/v1/runs?policyId=" + policy.id() + "&limit=2");
        ApiClient.Reply second = api.get("/v1/runs?policyId=" + policy.id() + "&limit=2&cursor=" + first.get("nextCursor"));

        assertThat(first.items()).hasSize(2);
        assertThat(second.items()).hasSize(1);
        assertThat(second.get("nextCursor")).isNull();
        assertThat(api.get("/v1/runs?accountId=" + policy.accountId() + "&state=FAILED").items()).hasSize(3);
        assertThat(api.get("/v1/runs?accountId=" + policy.accountId() + "&state=SUCCEEDED").items()).isEmpty();
        assertThat(field(api.get("/v1/runs?policyId=nope"))).isEqualTo("policyId");
        assertThat(field(api.get("/v1/runs?state=DONE"))).isEqualTo("state");
        assertThat(field(api.get("/v1/runs?limit=0"))).isEqualTo("limit");
        assertThat(field(api.get("/v1/runs?cursor=bm9wZQ"))).isEqualTo("cursor");
        assertThat(field(api.post("/v1/runs/" + UUID.randomUUID() + "/restore", Map.of("targetName", "x".repeat(64)))))
                .isEqualTo("targetName");
    }

    @Test
    void aChatCommandRunsThePolicyOnceThoughDeliveredTwice() {
        BackupPolicy policy = accountPolicy();
        String commandId = "cmd-" + UUID.randomUUID();
        EventEnvelope command = EventTopics.envelope("chatops-relay", new CommandIssued(commandId,
                "backup.run", policy.id().toString(), Map.of(), "href", "#ops"));

        kafka.send(command);
        kafka.send(command);

        await().atMost(WAIT).untilAsserted(() -> assertThat(events(BackupRunFailed.class))
                .filteredOn(e -> e.policyId().equals(policy.id().toString()))
                .singleElement().satisfies(e -> assertThat(e.trigger()).isEqualTo("chat")));
        await().during(Duration.ofSeconds(2)).atMost(WAIT).untilAsserted(() ->
                assertThat(api.get("/v1/runs?policyId=" + policy.id()).items()).hasSize(1));
        assertThat(events(BackupRunStarted.class)).filteredOn(e -> e.policyId().equals(policy.id().toString()))
                .singleElement().satisfies(e -> assertThat(e.commandId()).isEqualTo(commandId));
    }

    @Test
    void aChatCommandThatStartsNothingIsAnsweredWithTheReason() {
        String nobody = "acct-" + UUID.randomUUID();
        String account = "acct-" + UUID.randomUUID();
        BackupPolicy paused = policies.create(new BackupPolicies.Draft(account, TargetKind.POSTGRES_DATABASE, "main",
                CronSchedule.parse("0 3 * * *"), 7)).orElseThrow();
        policies.pause(paused.id());

        kafka.send(EventTopics.envelope("chatops-relay", new CommandIssued("cmd-none", "backup.run", nobody, Map.of(),
                "href", "#ops")));
        kafka.send(EventTopics.envelope("chatops-relay", new CommandIssued("cmd-paused", "backup.run", account, Map.of(),
                "href", "#ops")));

        await().atMost(WAIT).untilAsserted(() -> assertThat(events(BackupCommandRejected.class))
                .filteredOn(e -> e.target().equals(nobody)).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(nobody
                        + " is neither a backup policy nor an account with backup policies")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(BackupCommandRejected.class))
                .filteredOn(e -> e.target().equals(account)).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo("nothing to run: policy " + paused.id() + " is PAUSED")));
        assertThat(api.get("/v1/runs?policyId=" + paused.id()).items()).isEmpty();
    }

    @Test
    void aChatCommandNamingOneResourceOfAnAccountRunsOnlyThatResourcesPolicy() {
        String account = "acct-" + UUID.randomUUID();
        BackupPolicy main = policies.create(new BackupPolicies.Draft(account, TargetKind.POSTGRES_DATABASE, "main",
                CronSchedule.parse("0 3 * * *"), 7)).orElseThrow();
        BackupPolicy other = policies.create(new BackupPolicies.Draft(account, TargetKind.POSTGRES_DATABASE, "other",
                CronSchedule.parse("0 3 * * *"), 7)).orElseThrow();

        kafka.send(EventTopics.envelope("chatops-relay", new CommandIssued("cmd-" + UUID.randomUUID(), "backup.run",
                account, Map.of("resource", "main"), "href", "#ops")));

        await().atMost(WAIT).untilAsserted(() -> assertThat(events(BackupRunFailed.class))
                .filteredOn(e -> e.policyId().equals(main.id().toString())).singleElement()
                .satisfies(e -> assertThat(e.trigger()).isEqualTo("chat")));
        assertThat(api.get("/v1/runs?policyId=" + other.id()).items()).isEmpty();
    }

    @Test
    void everyRunsRouteAnswersHostileInputWithA4xxProblem() {
        HostileInputSweep.against(server.getURI(), TestStack.OPERATOR_TOKEN)
                .get("/v1/runs", "policyId", "accountId", "state", "limit", "cursor")
                .get("/v1/runs/{id}")
                .get("/v1/restores/{id}")
                .send("POST", "/v1/policies/{id}/runs", "{}")
                .send("POST", "/v1/runs/{id}/restore", "{\"targetName\": \"main_copy\", \"overwrite\": false}")
                .send("POST", "/v1/runs/{id}/verify", "{}")
                .run();
    }

    private static String field(ApiClient.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        return reply.tree().get("errors").get(0).get("field").asText();
    }

    private <T extends MooringEvent> List<T> events(Class<T> type) {
        return backups.events().stream().flatMap(e -> e.dataAs(type).stream()).toList();
    }
}
