package io.mooring.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.stack.LocalStack;
import io.mooring.stack.Ports;
import io.mooring.stack.ServerKind;
import io.mooring.stack.Servers;
import io.mooring.stack.StackServer;
import io.mooring.testing.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
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
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scale-out, proven: two replicas of each service as processes (as {@code ./mooring up --replicas 2} runs them) on
 * the shared real servers, with schedules in seconds: backups every minute, checks every 10 s, Kafka sessions of
 * 6 s. Every event is applied once per service, every monitor is checked once per interval, every backup slot runs
 * once, every chat message is posted once; then one replica of each service is killed (SIGKILL) and the survivors
 * take over within one interval with nothing missed and nothing doubled. The figures are printed.
 */
class ScaleOutIT {
    private static final String OPERATOR_TOKEN = "scale-operator-" + UUID.randomUUID();
    private static final int ACCOUNTS_BEFORE = 4;
    private static final int ACCOUNTS_AFTER = 2;
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(10);
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final List<String> EVENT_TOPICS = List.of(Topics.PROVISIONING, Topics.BACKUPS, Topics.MONITORING);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Map<String, String> serverEnv;
    private static final Map<Service, String> databases = new EnumMap<>(Service.class);
    private static LocalPlatform platform;
    private static ChatInbox inbox;
    private static final ApiClient api = new ApiClient(OPERATOR_TOKEN);
    private static Instant started;
    private static final List<String> figures = new ArrayList<>();
    private static TopicReader provisioning;

    private record Account(String id, String name) {
    }

    @BeforeAll
    static void startTwoReplicasOfEachService() throws Exception {
        started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<ServerKind, StackServer> servers = Servers.start(EnumSet.allOf(ServerKind.class));
        serverEnv = LocalStack.environment(servers);
        String suffix = Long.toHexString(System.nanoTime());
        for (Service service : Service.values()) {
            service.database().ifPresent(db -> {
                Servers.postgres().createDatabase(db + "_" + suffix);
                databases.put(service, db + "_" + suffix);
            });
        }
        inbox = new ChatInbox(message -> { });
        Path work = Files.createDirectories(Path.of("target", "scale-out").toAbsolutePath());
        Map<String, String> shared = new HashMap<>(Map.of("MOORING_AUTH_OPERATOR_TOKENS", OPERATOR_TOKEN));
        shared.putAll(FastReplicas.kafka());
        Map<Service, Map<String, String>> own = new EnumMap<>(Service.class);
        Map<String, String> backup = new HashMap<>(FastReplicas.backup());
        backup.putAll(BackupKeys.environment(work));
        own.put(Service.BACKUP, backup);
        own.put(Service.MONITOR, FastReplicas.monitor(CHECK_INTERVAL));
        own.put(Service.CHATOPS, FastReplicas.chat(inbox.url()));
        Path root = Path.of(System.getProperty("mooring.root", "..")).toAbsolutePath().normalize();
        platform = new LocalPlatform(root, System.getProperty("mooring.version", "0.1.0-SNAPSHOT"), serverEnv, databases,
                shared, own, new ReplicaPlan(2), port -> Ports.free(), work.resolve("logs"));
        platform.start(Duration.ofMinutes(6));
        provisioning = new TopicReader(serverEnv.get("MOORING_KAFKA_BOOTSTRAP"), Topics.PROVISIONING);
    }

    @AfterAll
    static void stop() {
        if (provisioning != null) {
            provisioning.close();
        }
        if (platform != null) {
            platform.close();
        }
        if (inbox != null) {
            inbox.close();
        }
    }

    @Test
    void everyJobRunsOnceOnTwoReplicasAndStillOnceAfterOneReplicaOfEachIsKilled() throws Exception {
        CheckCounts checks = new CheckCounts(() -> connect(Service.MONITOR));
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        try {
            String host = url(Service.PROVISIONER, 1);
            assertThat(api.post(host + "/v1/hosts", Map.of("name", "scale-host", "datacenter", "dc1",
                    "cpuCores", 64, "memoryMb", 262144, "diskGb", 4000)).status()).isEqualTo(201);
            List<Account> before = new ArrayList<>();
            for (int i = 0; i < ACCOUNTS_BEFORE; i++) {
                // the API of either replica
                before.add(createAccountWithDatabase(url(Service.PROVISIONER, 1 + i % 2), "scale-" + i));
            }
            awaitPolicyAndMonitorsOf(before, 2);
            sampler.scheduleAtFixedRate(() -> sampleQuietly(checks), 0, 500, TimeUnit.MILLISECONDS);

            // a backup slot run with both replicas up, and a few check intervals
            Instant firstSlot = nextMinute(latestPolicyCreation());
            await().atMost(WAIT).until(() -> policiesWithoutSuccess(firstSlot) == 0);
            Instant monitorsSince = Instant.now();
            await().atMost(WAIT).until(() -> Instant.now().isAfter(monitorsSince.plus(CHECK_INTERVAL.multipliedBy(2))));
            Map<Long, Long> beforeKill = CheckCounts.histogram(checks.perSlot(started, Instant.now()));
            figures.add("checks per monitor per interval before the kill (checks: intervals): " + beforeKill);

            Instant killed = Instant.now();
            for (Service service : Service.values()) {
                platform.replicas(service).getFirst().kill();
            }
            figures.add("killed (SIGKILL) replica 1 of each service at " + killed);
            List<Account> after = new ArrayList<>();
            for (int i = 0; i < ACCOUNTS_AFTER; i++) {
                after.add(createAccountWithDatabase(url(Service.PROVISIONER, 2), "scale-after-" + i));
            }
            Map<String, Duration> takeover = Takeovers.measure(killed, WAIT, takeoverConditions(after, killed));
            takeover.forEach((what, time) -> figures.add(String.format(Locale.ROOT, "takeover %-16s %5.1f s", what,
                    time.toMillis() / 1000.0)));

            // a slot after the kill, and after the new policies were made, runs once for every policy
            Instant lastSlot = nextMinute(latestPolicyCreation());
            await().atMost(WAIT).until(() -> policiesWithoutSuccess(lastSlot) == 0
                    && Instant.now().isAfter(killed.plus(CHECK_INTERVAL.multipliedBy(3))));
            sampler.shutdown();
            assertThat(sampler.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

            List<Account> all = new ArrayList<>(before);
            all.addAll(after);
            everyEventWasAppliedOncePerService(all);
            everyMonitorWasCheckedOncePerInterval(checks, killed);
            everyBackupSlotRanOnce(lastSlot);
        } finally {
            sampler.shutdownNow();
            System.out.println("== scale-out figures (2 replicas of each service) ==");
            figures.forEach(line -> System.out.println("scale-out: " + line));
        }
    }

    private Map<String, Callable<Boolean>> takeoverConditions(List<Account> after, Instant killed) {
        Map<String, Callable<Boolean>> conditions = new LinkedHashMap<>();
        conditions.put(Service.PROVISIONER.id(), () -> readyEvents(after).size() == after.size());
        conditions.put(Service.BACKUP.id(), () -> {
            for (Account account : after) {
                if (count(policiesOf(account, 2)) != 1) {
                    return false;
                }
            }
            return true;
        });
        conditions.put(Service.MONITOR.id(), () -> {
            for (Account account : after) {
                if (count(monitorsOf(account, 2)) != 2) {
                    return false;
                }
            }
            return allCheckedSince(killed);
        });
        conditions.put(Service.SEARCH.id(), () -> indexed(readyEvents(after).stream().map(e -> e.id().toString())
                .toList()) == after.size());
        conditions.put(Service.CHATOPS.id(), () -> {
            Set<String> posted = postedIds().keySet();
            return readyEvents(after).stream().allMatch(e -> posted.contains(e.id().toString()));
        });
        return conditions;
    }

    private void everyEventWasAppliedOncePerService(List<Account> accounts) throws Exception {
        for (Account account : accounts) {
            assertThat(count(policiesOf(account, 2))).as("backup policies of %s", account.name()).isEqualTo(1);
            assertThat(monitorsOf(account, 2)).as("monitors of %s", account.name())
                    .extracting(m -> m.path("kind").asText().toLowerCase(Locale.ROOT))
                    .containsExactlyInAnyOrder("heartbeat", "postgres");
        }
        Map<String, Long> onKafka = eventsSinceStart().stream()
                .collect(Collectors.groupingBy(e -> e.id().toString(), TreeMap::new, Collectors.counting()));
        figures.add("events on Kafka since the start: " + onKafka.size() + " (published twice: "
                + onKafka.values().stream().filter(n -> n > 1).count() + ")");
        await().atMost(WAIT).untilAsserted(() -> assertThat(indexed(List.copyOf(onKafka.keySet())))
                .as("events in the timeline, one document per event id").isEqualTo(onKafka.size()));
        figures.add("timeline documents: " + onKafka.size() + " of " + onKafka.size() + " events, missing 0");
        await().atMost(WAIT).untilAsserted(() -> assertThat(onKafka.keySet())
                .as("every event posted to chat").isSubsetOf(postedIds().keySet()));
        Map<String, Long> posted = postedIds();
        long doubled = posted.values().stream().filter(n -> n > 1).count();
        figures.add("chat posts: " + inbox.messages().size() + " for " + posted.size() + " events, duplicates " + doubled);
        assertThat(posted).as("chat posts per event id").allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
    }

    private void everyMonitorWasCheckedOncePerInterval(CheckCounts checks, Instant killed) {
        Map<UUID, TreeMap<Instant, Long>> perSlot = checks.perSlot(started, Instant.now());
        Map<UUID, TreeMap<Instant, Long>> afterKill = checks.perSlot(killed, Instant.now());
        figures.add("checks per monitor per interval, whole run: " + CheckCounts.histogram(perSlot)
                + "; after the kill: " + CheckCounts.histogram(afterKill) + " (" + perSlot.size() + " monitors)");
        assertThat(afterKill.values()).as("slots seen after the kill").allSatisfy(slots -> assertThat(slots).isNotEmpty());
        assertThat(perSlot).as("checks per slot").allSatisfy((monitor, slots) ->
                assertThat(slots).as("monitor %s", monitor).allSatisfy((slot, n) -> assertThat(n).as("slot %s", slot)
                        .isEqualTo(1L)));
    }

    private void everyBackupSlotRanOnce(Instant lastSlot) throws SQLException {
        Map<String, Long> perSlot = new TreeMap<>();
        Map<String, Long> failed = new TreeMap<>();
        try (Connection c = connect(Service.BACKUP); PreparedStatement ps = c.prepareStatement("""
                SELECT p.id, s.slot,
                       (SELECT count(*) FROM backup_run r WHERE r.policy_id = p.id AND r.slot = s.slot AND r.state = 'SUCCEEDED'),
                       (SELECT count(*) FROM backup_run r WHERE r.policy_id = p.id AND r.slot = s.slot AND r.state = 'FAILED')
                FROM backup_policy p,
                     generate_series(date_trunc('minute', p.created_at) + interval '1 minute', ?, interval '1 minute') s(slot)
                ORDER BY 1, 2""")) {
            ps.setObject(1, java.time.OffsetDateTime.ofInstant(lastSlot, java.time.ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1) + "@" + rs.getTimestamp(2).toInstant();
                    perSlot.put(key, rs.getLong(3));
                    failed.put(key, rs.getLong(4));
                }
            }
        }
        Map<Long, Long> histogram = perSlot.values().stream()
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        figures.add("successful backups per policy per slot: " + histogram + " (" + perSlot.size()
                + " slots); failed attempts (interrupted by the kill, then retried): "
                + failed.values().stream().mapToLong(Long::longValue).sum());
        assertThat(perSlot).as("successful scheduled runs per policy and slot").isNotEmpty()
                .allSatisfy((slot, n) -> assertThat(n).as(slot).isEqualTo(1L));
    }

    private Account createAccountWithDatabase(String provisioner, String name) throws IOException {
        ApiClient.Reply created = api.post(provisioner + "/v1/accounts",
                Map.of("name", name, "plan", "small", "ownerEmail", "ops@" + name + ".example"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(202);
        await().atMost(WAIT).untilAsserted(() -> assertThat(api.get(provisioner + created.location()).body()
                .path("state").asText()).isEqualTo("SUCCEEDED"));
        String id = created.body().path("targetId").asText();
        assertThat(api.post(provisioner + "/v1/accounts/" + id + "/resources",
                Map.of("kind", "postgres-database", "name", "app")).status()).isEqualTo(202);
        return new Account(id, name);
    }

    private void awaitPolicyAndMonitorsOf(List<Account> accounts, int replica) {
        await().atMost(WAIT).untilAsserted(() -> {
            for (Account account : accounts) {
                assertThat(count(policiesOf(account, replica))).as("policies of %s", account.name()).isEqualTo(1);
                assertThat(count(monitorsOf(account, replica))).as("monitors of %s", account.name()).isEqualTo(2);
            }
        });
    }

    private Iterable<JsonNode> policiesOf(Account account, int replica) throws IOException {
        return items(api.get(url(Service.BACKUP, replica) + "/v1/policies?accountId=" + account.id()));
    }

    private Iterable<JsonNode> monitorsOf(Account account, int replica) throws IOException {
        return items(api.get(url(Service.MONITOR, replica) + "/v1/monitors?accountId=" + account.id()));
    }

    /** Whether every probed monitor was checked after {@code since}, as the surviving replica reports it. */
    private boolean allCheckedSince(Instant since) throws IOException {
        for (JsonNode monitor : items(api.get(url(Service.MONITOR, 2) + "/v1/monitors?kind=postgres&limit=200"))) {
            String checkedAt = monitor.path("lastCheck").path("checkedAt").asText("");
            if (checkedAt.isEmpty() || Instant.parse(checkedAt).isBefore(since)) {
                return false;
            }
        }
        return true;
    }

    private List<ReceivedEvent> readyEvents(List<Account> accounts) {
        Set<String> ids = accounts.stream().map(Account::id).collect(Collectors.toSet());
        return provisioning.events().stream().filter(e -> "mooring.provisioning.account.ready.v1".equals(e.type()))
                .filter(e -> ids.contains(e.subject())).toList();
    }

    private List<ReceivedEvent> eventsSinceStart() {
        List<ReceivedEvent> events = new ArrayList<>();
        for (String topic : EVENT_TOPICS) {
            try (TopicReader reader = new TopicReader(serverEnv.get("MOORING_KAFKA_BOOTSTRAP"), topic)) {
                reader.events().stream().filter(e -> !e.time().toInstant().isBefore(started)).forEach(events::add);
            }
        }
        return events;
    }

    /** How many of the event ids have a document in the timeline ({@code ops-events}, {@code _id} = event id). */
    private long indexed(List<String> eventIds) throws Exception {
        String body = JSON.writeValueAsString(Map.of("query", Map.of("ids", Map.of("values", eventIds))));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(serverEnv.get("MOORING_OPENSEARCH_URL") + "/ops-events/_count"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()).path("count").asLong() : -1;
    }

    /** Chat posts per event id (the generic webhook body's {@code id}). */
    private static Map<String, Long> postedIds() {
        Map<String, Long> ids = new TreeMap<>();
        for (String message : inbox.messages()) {
            try {
                ids.merge(JSON.readTree(message).path("id").asText(), 1L, Long::sum);
            } catch (IOException e) {
                ids.merge("(not JSON) " + message, 1L, Long::sum);
            }
        }
        return ids;
    }

    /** How many policies made before {@code slot} have no successful run for it (yet). */
    private long policiesWithoutSuccess(Instant slot) throws SQLException {
        try (Connection c = connect(Service.BACKUP); PreparedStatement ps = c.prepareStatement("""
                SELECT count(*) FROM backup_policy p WHERE p.created_at < ? AND NOT EXISTS (SELECT 1 FROM backup_run r
                    WHERE r.policy_id = p.id AND r.slot = ? AND r.state = 'SUCCEEDED')""")) {
            ps.setObject(1, java.time.OffsetDateTime.ofInstant(slot, java.time.ZoneOffset.UTC));
            ps.setObject(2, java.time.OffsetDateTime.ofInstant(slot, java.time.ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Instant latestPolicyCreation() throws SQLException {
        try (Connection c = connect(Service.BACKUP);
             PreparedStatement ps = c.prepareStatement("SELECT max(created_at) FROM backup_policy");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }

    private static Instant nextMinute(Instant after) {
        return after.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
    }

    private static void sampleQuietly(CheckCounts checks) {
        try {
            checks.sample();
        } catch (SQLException e) {
            System.err.println("scale-out: check counts not sampled: " + e.getMessage());
        }
    }

    private static Connection connect(Service service) {
        try {
            return DriverManager.getConnection("jdbc:postgresql://" + serverEnv.get("MOORING_PG_HOST") + ":"
                            + serverEnv.get("MOORING_PG_PORT") + "/" + databases.get(service),
                    serverEnv.get("MOORING_PG_USER"), serverEnv.getOrDefault("MOORING_PG_PASSWORD", ""));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String url(Service service, int replica) {
        return platform.replicas(service).get(replica - 1).url();
    }

    private static long count(Iterable<JsonNode> items) {
        return StreamSupport.stream(items.spliterator(), false).count();
    }

    private static Iterable<JsonNode> items(ApiClient.Reply reply) {
        assertThat(reply.status()).as("HTTP status of %s", reply.body()).isEqualTo(200);
        return StreamSupport.stream(Demo.items(reply.body()).spliterator(), false).toList();
    }
}
