package io.mooring.monitor.schedule;

import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.events.monitoring.MonitorKind;
import io.mooring.monitor.TestServers;
import io.mooring.monitor.monitor.MonitorSettings;
import io.mooring.testing.ApiClient;
import io.mooring.testing.ApiClient.Reply;
import io.mooring.testing.MovableClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.mooring.monitor.TestServers.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schedule in Redis against the real Redis and Postgres: changes reach it once committed, an older copy never
 * replaces a newer one, concurrent claims take each slot once, and comparing with Postgres repairs a Redis that lost
 * its data or missed a change. The scheduler is off: the test is the only one claiming.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduleSyncIT implements TestPropertyProvider {
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    @Inject
    EmbeddedServer server;
    @Inject
    MovableClock clock;
    @Inject
    RedisSchedule schedule;
    @Inject
    ScheduleSync sync;
    @Inject
    SchedulerSettings settings;
    @Inject
    StatefulRedisConnection<String, String> redis;

    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = TestServers.properties(getClass());
        properties.put("test.clock", "movable");
        properties.put("mooring.scheduler.enabled", "false");
        properties.put("mooring.scheduler.sync-interval", "1h");
        return properties;
    }

    @BeforeAll
    void start() {
        api = new ApiClient(HttpClient.create(server.getURL()), null);
    }

    @Test
    void aMonitorIsScheduledWhenCreatedAndLeavesWhenPausedOrDeleted() {
        UUID id = create("http://127.0.0.1:9/a");
        Instant due = schedule.nextDue(id);
        assertThat(due).isNotNull().isAfterOrEqualTo(clock.instant()).isBefore(clock.instant().plus(INTERVAL));

        assertThat(api.as(OPERATOR_TOKEN).post("/v1/monitors/" + id + "/pause", "").status()).isEqualTo(200);
        assertThat(schedule.nextDue(id)).isNull();
        assertThat(claimAll()).doesNotContain(id);

        assertThat(api.as(OPERATOR_TOKEN).post("/v1/monitors/" + id + "/resume", "").status()).isEqualTo(200);
        assertThat(schedule.nextDue(id)).isNotNull();
        Reply patched = api.as(OPERATOR_TOKEN).patch("/v1/monitors/" + id, "{\"target\": \"http://127.0.0.1:9/b\"}");
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        clock.advance(INTERVAL);
        List<DueCheck> claimed = schedule.claim(clock.instant(), 10_000);
        assertThat(claimed).filteredOn(check -> check.monitor().id().equals(id)).singleElement()
                .satisfies(check -> assertThat(check.monitor().target()).isEqualTo("http://127.0.0.1:9/b"));

        assertThat(api.as(OPERATOR_TOKEN).delete("/v1/monitors/" + id).status()).isEqualTo(204);
        assertThat(schedule.nextDue(id)).isNull();
    }

    @Test
    void anOlderCopyNeverReplacesANewerOne() {
        UUID id = UUID.randomUUID();
        Instant v1 = Instant.parse("2026-01-01T00:00:00Z");
        Instant v2 = v1.plusSeconds(1);
        assertThat(schedule.put(scheduled(id, "http://127.0.0.1:9/new", v2), null, clock.instant())).isTrue();
        assertThat(schedule.put(scheduled(id, "http://127.0.0.1:9/old", v1), null, clock.instant())).isFalse();
        assertThat(schedule.remove(id, v1)).isFalse();
        assertThat(schedule.nextDue(id)).isNotNull();

        Instant v3 = v2.plusSeconds(1);
        assertThat(schedule.remove(id, v3)).isTrue();
        // removed at v3: a copy of v2 arriving late does not bring it back
        assertThat(schedule.put(scheduled(id, "http://127.0.0.1:9/new", v2), null, clock.instant())).isFalse();
        assertThat(schedule.nextDue(id)).isNull();
    }

    @Test
    void concurrentClaimsTakeEachSlotOnce() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            UUID id = UUID.randomUUID();
            schedule.put(scheduled(id, "http://127.0.0.1:9/" + i, clock.instant()), null, clock.instant());
            ids.add(id);
        }
        clock.advance(INTERVAL);
        Instant now = clock.instant();
        List<Callable<List<UUID>>> replicas = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            replicas.add(() -> {
                List<UUID> mine = new ArrayList<>();
                List<DueCheck> got;
                while (!(got = schedule.claim(now, 7)).isEmpty()) {
                    got.forEach(check -> mine.add(check.monitor().id()));
                }
                return mine;
            });
        }
        List<UUID> claimed = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (Future<List<UUID>> replica : pool.invokeAll(replicas)) {
                claimed.addAll(replica.get());
            }
        }
        assertThat(claimed.stream().filter(ids::contains)).hasSize(ids.size()).doesNotHaveDuplicates();
        // each moved to its next slot, within one interval from now
        assertThat(ids).allSatisfy(id -> assertThat(schedule.nextDue(id)).isAfter(now).isBeforeOrEqualTo(now.plus(INTERVAL)));
        ids.forEach(id -> schedule.remove(id, clock.instant()));
    }

    @Test
    void comparingWithPostgresRepairsARedisThatLostItsDataOrMissedAChange() {
        UUID kept = create("http://127.0.0.1:9/kept");
        UUID deleted = create("http://127.0.0.1:9/deleted");
        // Redis loses everything (a restart without persistence)
        String prefix = settings.getRedisPrefix();
        redis.sync().del(prefix + "due", prefix + "slot", prefix + "check");
        assertThat(schedule.nextDue(kept)).isNull();

        ScheduleSync.Repaired repaired = sync.compare();
        assertThat(repaired.put()).isGreaterThanOrEqualTo(2);
        assertThat(schedule.nextDue(kept)).isNotNull();
        assertThat(schedule.nextDue(deleted)).isNotNull();

        // a deletion whose copy to Redis was missed: the next comparison removes it
        assertThat(api.as(OPERATOR_TOKEN).delete("/v1/monitors/" + deleted).status()).isEqualTo(204);
        schedule.put(scheduled(deleted, "http://127.0.0.1:9/deleted", clock.instant()), null, clock.instant());
        assertThat(schedule.nextDue(deleted)).isNotNull();
        assertThat(sync.compare().removed()).isEqualTo(1);
        assertThat(schedule.nextDue(deleted)).isNull();
        assertThat(schedule.nextDue(kept)).isNotNull();
        // nothing more to repair
        assertThat(sync.compare()).isEqualTo(new ScheduleSync.Repaired(0, 0, 0, 0));
    }

    private List<UUID> claimAll() {
        Set<UUID> seen = new HashSet<>();
        schedule.claim(clock.instant().plus(INTERVAL), 10_000).forEach(check -> seen.add(check.monitor().id()));
        return new ArrayList<>(seen);
    }

    private static RedisSchedule.Scheduled scheduled(UUID id, String target, Instant version) {
        return new RedisSchedule.Scheduled(id, MonitorKind.HTTP, target, MonitorSettings.NONE, 5, 10, version);
    }

    private UUID create(String target) {
        Reply created = api.as(OPERATOR_TOKEN).post("/v1/monitors", """
                {"name": "sync-%s", "kind": "http", "target": "%s", "intervalSeconds": 10, "timeoutSeconds": 5}"""
                .formatted(UUID.randomUUID(), target));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return UUID.fromString(created.tree().get("id").asText());
    }
}
