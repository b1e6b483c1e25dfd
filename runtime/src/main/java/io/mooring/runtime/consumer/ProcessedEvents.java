package io.mooring.runtime.consumer;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.util.UUID;

/**
 * The idempotent-consumer guard for services with a Postgres store: call {@link #firstTime} in the
 * same transaction as the event's effects; if it returns false the event was applied before.
 */
@Singleton
@Requires(beans = DataSource.class)
public class ProcessedEvents {
    private final JdbcOperations jdbc;

    public ProcessedEvents(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

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
