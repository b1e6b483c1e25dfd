package io.mooring.runtime.outbox;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.events.EventCodec;
import io.mooring.events.EventEnvelope;
import io.mooring.events.MooringEvent;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Clock;

/**
 * Records events in the service's database, in the caller's transaction: the state change and its
 * event commit together or not at all. {@link OutboxRelay} publishes them.
 */
@Singleton
@Requires(beans = DataSource.class)
public class Outbox {
    private static final String INSERT = """
            INSERT INTO mooring_outbox (event_id, topic, event_key, event_type, source, subject, event_time, data)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)
            """;

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final Provider<OutboxRelay> relay;
    private final EventCodec codec;
    private final Clock clock;
    private final String service;

    public Outbox(JdbcOperations jdbc, TransactionOperations<Connection> transactions, Provider<OutboxRelay> relay,
                  EventCodec codec, Clock clock,
                  @io.micronaut.context.annotation.Value("${micronaut.application.name}") String service) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.relay = relay;
        this.codec = codec;
        this.clock = clock;
        this.service = service;
    }

    /** Appends an event about {@code data} produced now by this service; returns the envelope. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public EventEnvelope append(MooringEvent data) {
        EventEnvelope event = EventEnvelope.of(service, data, clock);
        append(event);
        return event;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void append(EventEnvelope event) {
        appendAll(java.util.List.of(event));
    }

    /** Appends many events produced now by this service in one batch (bulk changes), in the caller's transaction. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void appendAllData(java.util.List<? extends MooringEvent> data) {
        appendAll(data.stream().map(d -> EventEnvelope.of(service, d, clock)).toList());
    }

    private void appendAll(java.util.List<EventEnvelope> events) {
        if (events.isEmpty()) {
            return;
        }
        jdbc.prepareStatement(INSERT, ps -> {
            for (EventEnvelope event : events) {
                byte[] body = codec.encodeData(event.data());
                ps.setObject(1, event.id());
                ps.setString(2, event.topic());
                ps.setString(3, event.subject());
                ps.setString(4, event.type());
                ps.setString(5, event.source());
                ps.setString(6, event.subject());
                ps.setTimestamp(7, Timestamp.from(event.time().toInstant()));
                ps.setString(8, new String(body, java.nio.charset.StandardCharsets.UTF_8));
                if (events.size() == 1) {
                    return ps.executeUpdate();
                }
                ps.addBatch();
            }
            return ps.executeBatch().length;
        });
        // publish right after the commit instead of at the relay's next poll
        transactions.findTransactionStatus().ifPresent(status -> status.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.get().wakeUp();
            }
        }));
    }
}
