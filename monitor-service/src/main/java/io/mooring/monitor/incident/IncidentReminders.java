package io.mooring.monitor.incident;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import io.mooring.events.monitoring.IncidentReminded;
import io.mooring.monitor.schedule.SchedulerSettings;
import io.mooring.runtime.Ids;
import io.mooring.runtime.outbox.Outbox;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reminds of open incidents every {@code mooring.incidents.reminder-interval} (0: never): a
 * {@code reminder} timeline entry and an {@code IncidentReminded}, in the transaction that claims the
 * incident with {@code FOR UPDATE SKIP LOCKED} and moves its {@code reminded_at}, so with several
 * replicas one sends each reminder. Runs on replicas that run checks ({@code mooring.scheduler.enabled}).
 */
@Singleton
public class IncidentReminders {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentReminders.class);
    private static final int BATCH = 200;

    private record Due(UUID id, UUID monitorId, String accountId, String title, Instant openedAt) {
    }

    private final JdbcOperations jdbc;
    private final IncidentEntryRepository entries;
    private final Outbox outbox;
    private final TransactionOperations<Connection> transactions;
    private final SchedulerSettings settings;
    private final Clock clock;
    private final Duration interval;

    public IncidentReminders(JdbcOperations jdbc, IncidentEntryRepository entries, Outbox outbox,
                             TransactionOperations<Connection> transactions, SchedulerSettings settings, Clock clock,
                             @Value("${mooring.incidents.reminder-interval:1h}") Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("mooring.incidents.reminder-interval must not be negative, was " + interval);
        }
        this.jdbc = jdbc;
        this.entries = entries;
        this.outbox = outbox;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
        this.interval = interval;
    }

    @Scheduled(fixedDelay = "${mooring.incidents.reminder-check-interval:10s}",
            initialDelay = "${mooring.incidents.reminder-check-interval:10s}")
    void run() {
        if (!settings.isEnabled() || interval.isZero()) {
            return;
        }
        try {
            int sent;
            do {
                sent = remindDue(clock.instant());
            } while (sent == BATCH);
        } catch (RuntimeException e) {
            // the store is away: the reminders stay due and are sent once it is back
            LOG.warn("sending incident reminders failed, retrying at the next run: {}", e.toString());
        }
    }

    /** Sends the reminders due at {@code now} (up to a batch); returns how many. */
    public int remindDue(Instant now) {
        if (interval.isZero()) {
            return 0;
        }
        return transactions.executeWrite(status -> {
            List<Due> due = claim(now);
            for (Due incident : due) {
                Duration open = Duration.between(incident.openedAt(), now);
                entries.save(new IncidentEntry(Ids.next(), incident.id(), now, IncidentEntry.REMINDER,
                        "still open after " + open.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString()
                                .substring(2).toLowerCase()));
                outbox.append(new IncidentReminded(incident.monitorId().toString(), incident.id().toString(),
                        incident.title(), Math.max(0, open.toSeconds()), incident.accountId()));
            }
            return due.size();
        });
    }

    private List<Due> claim(Instant now) {
        return jdbc.prepareStatement("""
                UPDATE incident i SET reminded_at = ?
                FROM (SELECT id FROM incident
                      WHERE resolved_at IS NULL AND COALESCE(reminded_at, opened_at) <= ?
                      ORDER BY opened_at, id LIMIT ? FOR UPDATE SKIP LOCKED) due
                WHERE i.id = due.id
                RETURNING i.id, i.monitor_id, i.account_id, i.title, i.opened_at""", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setTimestamp(2, Timestamp.from(now.minus(interval)));
            ps.setInt(3, BATCH);
            List<Due> found = new ArrayList<>();
            try (ResultSet row = ps.executeQuery()) {
                while (row.next()) {
                    found.add(new Due(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getString(3),
                            row.getString(4), row.getTimestamp(5).toInstant()));
                }
            }
            return found;
        });
    }
}
