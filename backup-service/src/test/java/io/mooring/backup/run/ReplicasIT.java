package io.mooring.backup.run;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.mooring.backup.TestStack;
import io.mooring.backup.artifact.ArtifactTestStack;
import io.mooring.backup.destination.Destination;
import io.mooring.backup.destination.Destinations;
import io.mooring.backup.policy.BackupPolicies;
import io.mooring.backup.policy.BackupPolicy;
import io.mooring.backup.policy.CronSchedule;
import io.mooring.backup.policy.TargetKind;
import io.mooring.events.Topics;
import io.mooring.events.backups.BackupRunFailed;
import io.mooring.events.backups.BackupRunSucceeded;
import io.mooring.stack.ServerProperties;
import io.mooring.testing.TcpRelay;
import io.mooring.testing.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several replicas of the service on one database and one Redis: a schedule slot runs once across two replicas
 * (the Redis lease and the slot history), and a replica killed mid-run (a child JVM, SIGKILL) leaves a run that
 * another replica's sweeper fails as interrupted, with nothing stored, before the slot's next attempt succeeds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicasIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String SMALL = "runs_replicas_" + UUID.randomUUID().toString().substring(0, 8);
    private static final String SLOW = "runs_killed_" + UUID.randomUUID().toString().substring(0, 8);

    private Map<String, String> shared;
    private final List<ApplicationContext> replicas = new ArrayList<>();

    @BeforeAll
    void setUp() throws Exception {
        shared = new HashMap<>(ArtifactTestStack.properties(ReplicasIT.class));
        shared.put("micronaut.server.port", "-1");
        shared.put("mooring.backup.heartbeat-interval", "500ms");
        shared.put("mooring.backup.stale-after", "3s");
        shared.put("mooring.backup.sweep-interval", "500ms");
        shared.put("mooring.backup.sweep-initial-delay", "0s");
        shared.put("mooring.backup.schedule-check-interval", "300ms");
        shared.put("mooring.backup.schedule-initial-delay", "0s");
        shared.put("mooring.backup.lease-ttl", "2s");
        shared.put("mooring.backup.retry-delay", "1s");
        shared.put("mooring.backup.retry-max-delay", "2s");
        TenantData.small(SMALL);
        TenantData.slow(SLOW);
    }

    @AfterAll
    void tearDown() throws Exception {
        replicas.forEach(ApplicationContext::close);
        TenantData.drop(SMALL);
        TenantData.drop(SLOW);
    }

    @Test
    void aScheduleSlotRunsOnceAcrossTwoReplicas() throws Exception {
        ApplicationContext first = replica("replica-a");
        ApplicationContext second = replica("replica-b");
        try {
            aSlotRunsOnce(first, second);
        } finally {
            replicas.remove(first);
            replicas.remove(second);
            first.close();
            second.close();
        }
    }

    private void aSlotRunsOnce(ApplicationContext first, ApplicationContext second) throws Exception {
        BackupPolicy policy = first.getBean(BackupPolicies.class).create(new BackupPolicies.Draft("acct-" + UUID.randomUUID(),
                TargetKind.POSTGRES_DATABASE, SMALL, CronSchedule.parse("0 3 * * *"), 7)).orElseThrow();

        backdate(policy.id());

        RunStore runs = second.getBean(RunStore.class);
        await().atMost(WAIT).until(() -> runs.succeeded(policy.id()).size() == 1);
        BackupRun run = runs.succeeded(policy.id()).getFirst();
        assertThat(run.trigger()).isEqualTo(Trigger.SCHEDULE);
        assertThat(run.attempt()).isEqualTo(1);
        assertThat(run.ownerInstance()).isIn("replica-a", "replica-b");
        // both replicas keep checking the schedule: the finished slot never runs again
        await().during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> runsOf(policy.id()) == 1);
        try (TopicReader backups = new TopicReader(TestStack.kafkaBootstrap(), Topics.BACKUPS)) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(backups.events().stream()
                    .flatMap(e -> e.dataAs(BackupRunSucceeded.class).stream())
                    .filter(e -> e.policyId().equals(policy.id().toString())).map(BackupRunSucceeded::runId))
                    .containsExactly(run.id().toString()));
        }
    }

    @Test
    void aReplicaStartedWhileRedisIsAwayRunsItsScheduleOnceRedisIsBack() throws Exception {
        URI redis = URI.create(String.valueOf(shared.get(ServerProperties.REDIS_URI)));
        TcpRelay relay = new TcpRelay(new InetSocketAddress(redis.getHost(), redis.getPort()));
        Map<String, Object> properties = new HashMap<>(shared);
        properties.put(ServerProperties.REDIS_URI, new URI(redis.getScheme(), redis.getUserInfo(), redis.getHost(),
                relay.port(), redis.getPath(), redis.getQuery(), redis.getFragment()).toString());
        properties.put("mooring.backup.instance-id", "started-without-redis");
        ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext();
        replicas.add(context);
        try {
            BackupPolicy policy = context.getBean(BackupPolicies.class).create(new BackupPolicies.Draft(
                    "acct-" + UUID.randomUUID(), TargetKind.POSTGRES_DATABASE, SMALL, CronSchedule.parse("0 3 * * *"), 7))
                    .orElseThrow();
            backdate(policy.id());
            // no lease without Redis: the slot waits
            await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> runsOf(policy.id()) == 0);
            relay.start();
            RunStore runs = context.getBean(RunStore.class);
            await().atMost(WAIT).until(() -> runs.succeeded(policy.id()).size() == 1);
            assertThat(runs.succeeded(policy.id()).getFirst().trigger()).isEqualTo(Trigger.SCHEDULE);
        } finally {
            replicas.remove(context);
            context.close();
            relay.stop();
        }
    }

    @Test
    void aReplicaKilledMidRunLeavesAnInterruptedRunAndTheSlotsNextAttemptSucceeds() throws Exception {
        Map<String, String> doomed = new HashMap<>(shared);
        int port = freePort();
        doomed.put("micronaut.server.port", Integer.toString(port));
        doomed.put("mooring.backup.instance-id", "doomed");
        doomed.put("mooring.backup.part-size", Integer.toString(5 * 1024 * 1024));
        doomed.put("mooring.backup.bandwidth-per-run", Integer.toString(1024 * 1024));
        Process child = startChild(doomed, port);
        try {
            UUID policyId = createPolicyThroughTheApi(port);
            backdate(policyId);

            UUID runId = await().atMost(WAIT).until(() -> progressing(policyId, 2L * 1024 * 1024), id -> id != null);
            List<ProcessHandle> tools = child.descendants().toList();
            child.destroyForcibly();
            tools.forEach(ProcessHandle::destroyForcibly);
            assertThat(child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            // the killed writer could not abort its upload: it stays recorded for the survivor to abort
            assertThat(openUploadsUnder(runId)).isPositive();

            ApplicationContext survivor = replica("survivor");
            try {
                theSurvivorFailsTheKilledRunAndRetriesTheSlot(survivor, policyId, runId);
            } finally {
                replicas.remove(survivor);
                survivor.close();
            }
        } finally {
            child.destroyForcibly();
        }
    }

    private void theSurvivorFailsTheKilledRunAndRetriesTheSlot(ApplicationContext survivor, UUID policyId, UUID runId)
            throws Exception {
        RunStore runs = survivor.getBean(RunStore.class);
        await().atMost(WAIT).until(() -> runs.find(runId).orElseThrow().state() == RunState.FAILED);
        BackupRun killed = runs.find(runId).orElseThrow();
        assertThat(killed.failure()).isEqualTo(Failure.INTERRUPTED);
        assertThat(killed.reason()).startsWith("interrupted: instance doomed");
        assertThat(killed.artifacts()).isEmpty();
        Destination destination = survivor.getBean(Destinations.class).require("default");
        S3Client s3 = survivor.getBean(Destinations.class).client(destination);
        String prefix = ArtifactKeys.ofRun(destination, killed.accountId(), policyId, runId);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(s3.listObjectsV2(b -> b.bucket(destination.bucket()).prefix(prefix)).contents()).isEmpty();
            assertThat(openUploadsUnder(runId)).isZero();
        });

        await().atMost(WAIT).until(() -> runs.succeeded(policyId).size() == 1);
        BackupRun retried = runs.succeeded(policyId).getFirst();
        assertThat(retried.attempt()).isEqualTo(2);
        assertThat(retried.slot()).isEqualTo(killed.slot());
        assertThat(retried.ownerInstance()).isNotEqualTo("doomed");
        try (TopicReader backups = new TopicReader(TestStack.kafkaBootstrap(), Topics.BACKUPS)) {
            await().atMost(WAIT).untilAsserted(() -> {
                var events = backups.events();
                assertThat(events.stream().flatMap(e -> e.dataAs(BackupRunFailed.class).stream())
                        .filter(e -> e.runId().equals(runId.toString())).map(BackupRunFailed::failure))
                        .containsExactly("interrupted");
                assertThat(events.stream().flatMap(e -> e.dataAs(BackupRunSucceeded.class).stream())
                        .filter(e -> e.policyId().equals(policyId.toString())).map(BackupRunSucceeded::runId))
                        .containsExactly(retried.id().toString());
            });
        }
        Restores restores = survivor.getBean(Restores.class);
        String target = SLOW + "_after_kill";
        BackupRestore restore = restores.restore(retried.id(), target, false);
        try {
            await().atMost(WAIT).until(() -> restores.find(restore.id()).orElseThrow().state() != BackupRestore.State.RUNNING);
            assertThat(restores.find(restore.id()).orElseThrow().state()).isEqualTo(BackupRestore.State.SUCCEEDED);
            assertThat(TenantData.rowCounts(target)).isEqualTo(TenantData.rowCounts(SLOW));
        } finally {
            TenantData.drop(target);
        }
    }

    private ApplicationContext replica(String instance) {
        Map<String, Object> properties = new HashMap<>(shared);
        properties.put("mooring.backup.instance-id", instance);
        // the embedded server too: the outbox relay starts with it
        ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext();
        replicas.add(context);
        return context;
    }

    /** Moves the policy's creation two days back, so that its latest 03:00 UTC slot is due now. */
    private void backdate(UUID policyId) throws Exception {
        try (Connection c = serviceDatabase();
             PreparedStatement ps = c.prepareStatement("UPDATE backup_policy SET created_at = created_at - interval '2 days' WHERE id = ?")) {
            ps.setObject(1, policyId);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private int openUploadsUnder(UUID runId) throws Exception {
        try (Connection c = serviceDatabase();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM open_upload WHERE strpos(object_key, ?) > 0")) {
            ps.setString(1, runId.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private int runsOf(UUID policyId) throws Exception {
        try (Connection c = serviceDatabase();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM backup_run WHERE policy_id = ?")) {
            ps.setObject(1, policyId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The policy's RUNNING run once its heartbeat recorded {@code bytes} of progress, else null. */
    private UUID progressing(UUID policyId, long bytes) throws Exception {
        try (Connection c = serviceDatabase();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM backup_run WHERE policy_id = ? AND state = 'RUNNING' "
                     + "AND progress_bytes >= ?")) {
            ps.setObject(1, policyId);
            ps.setLong(2, bytes);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, UUID.class) : null;
            }
        }
    }

    private Connection serviceDatabase() throws Exception {
        String url = "jdbc:postgresql://" + shared.get("mooring.pg.host") + ":" + shared.get("mooring.pg.port") + "/"
                + shared.get("mooring.pg.database");
        return DriverManager.getConnection(url, shared.get("mooring.pg.user"),
                shared.getOrDefault("mooring.pg.password", ""));
    }

    private UUID createPolicyThroughTheApi(int port) throws Exception {
        String body = """
                {"accountId": "acct-%s", "targetKind": "postgres-database", "targetName": "%s",
                 "schedule": "0 3 * * *", "retentionDays": 7}""".formatted(UUID.randomUUID(), SLOW);
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/policies"))
                .header("Authorization", "Bearer " + TestStack.OPERATOR_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    }

    /** The service in a JVM of its own, with this JVM's classpath and {@code properties} as system properties. */
    private static Process startChild(Map<String, String> properties, int port) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path")));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("io.mooring.backup.Application");
        Path log = Files.createDirectories(Path.of("target", "replicas")).resolve("doomed-" + port + ".log");
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/liveness"))
                .timeout(Duration.ofSeconds(2)).build();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(child.isAlive()).as("the child service runs (log: %s)", log.toAbsolutePath()).isTrue();
            try {
                return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return child;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
