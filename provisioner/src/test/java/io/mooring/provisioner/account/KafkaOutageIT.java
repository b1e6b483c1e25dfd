package io.mooring.provisioner.account;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.testing.ApiClient;
import io.mooring.provisioner.testing.Events;
import io.mooring.provisioner.testing.Fixtures;
import io.mooring.provisioner.testing.ProvisionerProperties;
import io.mooring.testing.TopicReader;
import io.mooring.stack.KafkaServer;
import io.mooring.stack.PostgresServer;
import io.mooring.stack.Servers;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.mooring.provisioner.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker away for a minute, stopped and then frozen (SIGSTOP), while 1,000 accounts are created:
 * no database session waits on Kafka inside a transaction (the test database kills any session idle
 * in a transaction for 5 s, which would show as a fatal session end), and afterwards every event is
 * on the topic exactly once, in order per account.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaOutageIT implements TestPropertyProvider {
    private static final String TOKEN = "outage-it-operator";
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final int ACCOUNTS = 1000;

    @Inject
    @Client("/")
    HttpClient client;

    private String database;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(ProvisionerProperties.with(TOKEN));
        properties.put("mooring.provisioner.rate-limit.requests-per-minute", "1000000");
        // 1,000 creates on a loaded CI machine: a slow answer is not what these tests are about
        properties.put("micronaut.http.client.read-timeout", "60s");
        database = properties.get("mooring.pg.database");
        sql(connection -> {
            try (Statement s = connection.createStatement()) {
                s.execute("ALTER DATABASE \"" + database + "\" SET idle_in_transaction_session_timeout = '5s'");
            }
            return null;
        });
        return properties;
    }

    @Test
    void stoppedBrokerDelaysEventsWithoutLongTransactionsOrDuplicates() {
        KafkaServer kafka = Servers.kafka();
        createAccountsDuringOutage(kafka::stop, kafka::start);
    }

    @Test
    void frozenBrokerDelaysEventsWithoutLongTransactionsOrDuplicates() {
        KafkaServer kafka = Servers.kafka();
        createAccountsDuringOutage(kafka::freeze, kafka::thaw);
    }

    private void createAccountsDuringOutage(Runnable down, Runnable up) {
        ApiClient api = new ApiClient(client, TOKEN);
        Fixtures fixtures = new Fixtures(api);
        String datacenter = unique("dc");
        for (int i = 0; i < 2; i++) {
            ApiClient.Reply host = api.post("/v1/hosts", Map.of("name", unique("h"), "datacenter", datacenter, "cpuCores", 1024,
                    "memoryMb", 1024L * 1024, "diskGb", 100_000, "labels", Map.of()));
            assertThat(host.status()).as(host.toString()).isEqualTo(201);
        }
        // one account through to Kafka first: connections open and the relay's producer knows the topic
        Events.about(fixtures.account(datacenter, "small"), 3);
        long fatalBefore = fatalSessionEnds();
        List<String> accounts = new ArrayList<>();
        long longestIdleInTransaction;
        long downAt = System.nanoTime();
        down.run();
        try {
            for (int i = 0; i < ACCOUNTS; i++) {
                ApiClient.Reply accepted = fixtures.createAccount(unique("o"), "small", datacenter);
                assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
                accounts.add(accepted.get("targetId"));
            }
            String suspended = fixtures.ready(fixtures.createAccount(unique("s"), "small", datacenter));
            assertThat(api.post("/v1/accounts/" + suspended + "/suspend", Map.of("reason", "while Kafka was away")).status())
                    .isEqualTo(200);
            accounts.add(suspended);
            long[] longest = {0};
            Duration left = OUTAGE.minusNanos(System.nanoTime() - downAt);
            // the rest of the minute (if the creates took less), watching for sessions idle in a transaction
            await().atMost((left.isNegative() ? Duration.ZERO : left).plusSeconds(10))
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).until(() -> {
                longest[0] = Math.max(longest[0], longestIdleInTransactionMillis());
                return System.nanoTime() - downAt >= OUTAGE.toNanos();
            });
            longestIdleInTransaction = longest[0];
        } finally {
            up.run();
        }

        try (TopicReader reader = new TopicReader(Servers.kafka().bootstrapServers(), Topics.PROVISIONING)) {
            String suspended = accounts.getLast();
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                Map<String, List<ReceivedEvent>> bySubject = bySubject(reader.events(), accounts);
                return accounts.stream().allMatch(id -> bySubject.getOrDefault(id, List.of()).size() >= 3)
                        && bySubject.get(suspended).size() >= 4;
            });
            List<ReceivedEvent> ours = reader.events().stream().filter(e -> accounts.contains(e.subject())).toList();
            Set<UUID> ids = new HashSet<>();
            List<UUID> duplicates = ours.stream().map(ReceivedEvent::id).filter(id -> !ids.add(id)).toList();
            assertThat(duplicates).as("events published more than once (by ce_id)").isEmpty();
            Map<String, List<ReceivedEvent>> bySubject = bySubject(ours, accounts);
            for (String id : accounts) {
                List<String> expected = id.equals(suspended)
                        ? List.of("account.requested", "account.placed", "account.ready", "account.suspended")
                        : List.of("account.requested", "account.placed", "account.ready");
                assertThat(bySubject.get(id)).as(id).extracting(Events::shortType).containsExactlyElementsOf(expected);
            }
        }
        assertThat(longestIdleInTransaction).as("longest idle-in-transaction session seen, ms").isLessThan(5_000);
        assertThat(fatalSessionEnds()).as("sessions ended by a fatal error (such as the idle-in-transaction timeout)")
                .isEqualTo(fatalBefore);
    }

    private static Map<String, List<ReceivedEvent>> bySubject(List<ReceivedEvent> events, List<String> accounts) {
        Set<String> wanted = new HashSet<>(accounts);
        return events.stream().filter(e -> wanted.contains(e.subject()))
                .collect(Collectors.groupingBy(ReceivedEvent::subject));
    }

    private long longestIdleInTransactionMillis() {
        return sql(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("""
                    SELECT coalesce(max(extract(epoch FROM now() - state_change) * 1000), 0)::bigint
                    FROM pg_stat_activity WHERE datname = ? AND state LIKE 'idle in transaction%'
                    """)) {
                ps.setString(1, database);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private long fatalSessionEnds() {
        return sql(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT sessions_fatal FROM pg_stat_database WHERE datname = ?")) {
                ps.setString(1, database);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private interface Sql<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Runs {@code work} on a connection of the test's own, as the superuser, to the {@code postgres} database. */
    private static <T> T sql(Sql<T> work) {
        PostgresServer postgres = Servers.postgres();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), postgres.password())) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
