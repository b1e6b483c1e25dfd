package io.mooring.events.backups;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

import java.util.regex.Pattern;

/**
 * A resource of an account is now backed up on a schedule.
 *
 * @param schedule      a five-field cron expression (minute hour day-of-month month day-of-week),
 *                      evaluated in UTC, e.g. {@code 0 3 * * *}
 * @param retentionDays how long each artifact is kept, at least one day
 */
@EventType(value = "mooring.backups.policy.created.v1", topic = Topics.BACKUPS)
public record BackupPolicyCreated(String policyId, String accountId, BackupTarget target, String schedule,
                                  int retentionDays) implements MooringEvent {

    // the same pattern as the JSON Schema
    static final Pattern CRON = Pattern.compile("^[0-9A-Za-z*/,?-]+( [0-9A-Za-z*/,?-]+){4}$");

    public BackupPolicyCreated {
        Require.text(policyId, "policyId");
        Require.text(accountId, "accountId");
        Require.present(target, "target");
        Require.matches(schedule, CRON, "schedule", "a five-field cron expression");
        Require.positive(retentionDays, "retentionDays");
    }

    @Override
    public String subject() {
        return policyId;
    }
}
