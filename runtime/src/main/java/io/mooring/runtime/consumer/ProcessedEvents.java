package io.mooring.runtime.consumer;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.UUID;

/**
 * The idempotent-consumer guard for services with a Postgres store. {@link #applyOnce} is what a
 * handler calls: the event's effects and its processed mark share one transaction, so an event is
 * applied once however often it is delivered. Failures are left to the consumer, which classifies
 * them ({@link ErrorClassifier}).
 */
@Singleton
@Requires(beans = DataSource.class)
public class ProcessedEvents {
    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;

    public ProcessedEvents(JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Runs {@code effects} in a new write transaction with the mark that {@code consumer} processed
     * the event, unless it did before. Returns whether the effects ran.
     */
    public boolean applyOnce(String consumer, UUID eventId, Runnable effects) {
        return transactions.executeWrite(status -> {
            if (!firstTime(consumer, eventId)) {
                return false;
            }
            effects.run();
            return true;
        });
    }

    /** Marks the event processed in the current transaction; false if it was marked before. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public boolean firstTime(String consumer, UUID eventId) {
        return jdbc.prepareStatement(
                "INSERT INTO mooring_processed_event (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                ps -> {
                    ps.setString(1, consumer);
                    ps.setObject(2, eventId);
                    return ps.executeUpdate() == 1;
                });
    }
}
