package io.mooring.events.monitoring;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

import java.time.OffsetDateTime;
import java.util.Set;

/**
 * A monitor was paused: it is not checked (and a heartbeat not expected) until it is resumed. Sent beside the
 * {@code MonitorStateChanged} to {@code PAUSED}.
 *
 * @param pausedBy    who paused it: {@code operator} (API or chat), {@code backup-policy}, {@code account-suspended}
 *                    or {@code account-deleted}
 * @param pausedUntil nullable: when a pause with a duration (from chat) ends by itself
 * @param accountId   nullable: the account the monitor belongs to; null for platform monitors
 * @param commandId   nullable: the chat command that paused it
 */
@EventType(value = "mooring.monitoring.monitor.paused.v1", topic = Topics.MONITORING)
public record MonitorPaused(String monitorId, String reason, String pausedBy, OffsetDateTime pausedUntil,
                            String accountId, String commandId) implements MooringEvent {
    public static final Set<String> CAUSES = Set.of("operator", "backup-policy", "account-suspended", "account-deleted");

    public MonitorPaused {
        Require.text(monitorId, "monitorId");
        Require.text(reason, "reason");
        if (!CAUSES.contains(pausedBy)) {
            throw new IllegalArgumentException("pausedBy must be one of operator, backup-policy, account-suspended, "
                    + "account-deleted, was '" + pausedBy + "'");
        }
        Require.optionalText(accountId, "accountId");
        Require.optionalText(commandId, "commandId");
    }

    @Override
    public String subject() {
        return monitorId;
    }
}
