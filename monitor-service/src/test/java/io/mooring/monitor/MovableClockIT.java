package io.mooring.monitor;

import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.mooring.testing.ApiClient;
import io.mooring.testing.EventTopics;
import io.mooring.testing.MovableClock;
import io.mooring.testing.OutboxContract;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The set-up of a monitor-service IT whose time the test moves: its own database on the shared servers, a movable
 * clock on a whole millisecond, fast heartbeat watch, an API client and the event topics; at the end, every event
 * the service wrote to its outbox must decode through the contract. Subclasses add {@code @MicronautTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class MovableClockIT implements TestPropertyProvider {
    @Inject
    protected EmbeddedServer server;
    @Inject
    protected MovableClock clock;
    @Inject
    protected TransactionOperations<Connection> transactions;

    protected ApiClient api;
    protected EventTopics log;

    /** Settings of this test beyond the shared ones. */
    protected Map<String, String> moreProperties() {
        return Map.of();
    }

    @Override
    public final Map<String, String> getProperties() {
        Map<String, String> properties = TestServers.properties(getClass());
        properties.put("test.clock", "movable");
        properties.put("mooring.heartbeats.watch-interval", "100ms");
        properties.putAll(moreProperties());
        return properties;
    }

    @BeforeAll
    void startClockApiAndTopics() {
        clock.set(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        // patient: on a busy machine an answer can take longer than the client's default 10 s
        DefaultHttpClientConfiguration patient = new DefaultHttpClientConfiguration();
        patient.setReadTimeout(java.time.Duration.ofSeconds(60));
        api = new ApiClient(HttpClient.create(server.getURL(), patient), null);
        log = new EventTopics();
    }

    @AfterAll
    void closeTopics() {
        log.close();
    }

    @AfterAll
    void everyEventWrittenToTheOutboxDecodesThroughTheContract() {
        int checked = transactions.executeRead(status -> OutboxContract.assertEveryEventDecodes(status.getConnection()));
        assertThat(checked).isPositive();
    }
}
