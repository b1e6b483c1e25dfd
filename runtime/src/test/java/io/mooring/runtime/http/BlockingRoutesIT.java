package io.mooring.runtime.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.testing.RealServersProperties;
import io.mooring.stack.ServerKind;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Mono;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Routes run on the blocking executor by default ({@code micronaut.server.thread-selection} in
 * mooring-defaults.yml): a request stuck on a row lock leaves the event loop free. The server has one
 * event-loop thread here, so a route running on it would stall every other request.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlockingRoutesIT implements TestPropertyProvider {
    private static final Duration LOCK_HELD = Duration.ofSeconds(10);

    @Inject
    @Client("/")
    HttpClient client;

    private Map<String, String> properties;

    @Override
    public Map<String, String> getProperties() {
        if (properties == null) {
            properties = new HashMap<>(RealServersProperties.withFreshDatabase("threads", ServerKind.KAFKA, ServerKind.POSTGRES));
            properties.put("micronaut.netty.event-loops.default.num-threads", "1");
            properties.put("micronaut.http.client.read-timeout", "30s");
            // the waiting UPDATE must outlast the lock: the default statement timeout (10 s) is as long as LOCK_HELD
            properties.put("mooring.pg.statement-timeout", "60s");
        }
        return properties;
    }

    @Test
    void otherRequestsAnswerWithinASecondWhileOneWaitsOnARowLock() throws Exception {
        // the first requests of a fresh JVM load classes for seconds: they are not what is measured
        client.toBlocking().exchange(HttpRequest.GET("/health/liveness"), String.class);
        try (Connection setup = connect(); Statement statement = setup.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS widget (name text PRIMARY KEY, touched int NOT NULL DEFAULT 0)");
            statement.execute("INSERT INTO widget (name) VALUES ('held') ON CONFLICT DO NOTHING");
        }
        try (Connection holder = connect()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("SELECT * FROM widget WHERE name = 'held' FOR UPDATE");
            }
            long lockedAt = System.nanoTime();
            CompletableFuture<HttpResponse<String>> waiting = Mono.from(
                    client.exchange(HttpRequest.GET("/v1/widgets/held/touch").bearerAuth("it-operator"), String.class)).toFuture();
            await().atMost(Duration.ofSeconds(5)).until(() -> waiting.isDone() || anUpdateWaitsOnALock());
            assertThat(waiting).as("the update answered while the row was locked").isNotDone();

            while (System.nanoTime() - lockedAt < LOCK_HELD.toNanos()) {
                assertAnswersWithinASecond("/health/liveness", 200);
                assertAnswersWithinASecond("/v1/widgets/other", 404);
            }
            assertThat(waiting).isNotDone();
            holder.rollback();
            assertThat(waiting.get(10, TimeUnit.SECONDS).code()).isEqualTo(204);
        }
    }

    private void assertAnswersWithinASecond(String path, int status) {
        long start = System.nanoTime();
        int code;
        try {
            code = client.toBlocking().exchange(HttpRequest.GET(path).bearerAuth("it-operator"), String.class).code();
        } catch (HttpClientResponseException e) {
            code = e.code();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as(path).isLessThan(Duration.ofSeconds(1));
        assertThat(code).as(path).isEqualTo(status);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + properties.get("mooring.pg.host") + ":"
                        + properties.get("mooring.pg.port") + "/" + properties.get("mooring.pg.database"),
                properties.get("mooring.pg.user"), properties.get("mooring.pg.password"));
    }

    private boolean anUpdateWaitsOnALock() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                     + " AND query LIKE 'UPDATE widget%' AND datname = current_database()")) {
            rows.next();
            return rows.getInt(1) > 0;
        }
    }
}
