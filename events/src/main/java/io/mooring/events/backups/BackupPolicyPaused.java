package io.mooring.events.backups;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/**
 * A backup policy no longer runs on its schedule until it is resumed.
 *
 * @param reason why, for people: e.g. {@code paused by an operator} or {@code account suspended}
 */
@EventType(value = "mooring.backups.policy.paused.v1", topic = Topics.BACKUPS)
public record BackupPolicyPaused(String policyId, String accountId, String reason) implements MooringEvent {

    public BackupPolicyPaused {
        Require.text(policyId, "policyId");
        Require.text(accountId, "accountId");
        Require.text(reason, "reason");
    }

    @Override
    public String subject() {
        return policyId;
    }
}
