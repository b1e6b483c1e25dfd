package io.mooring.events.backups;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/**
 * A paused backup policy runs on its schedule again.
 *
 * @param reason why, for people: e.g. {@code resumed by an operator} or {@code account resumed}
 */
@EventType(value = "mooring.backups.policy.resumed.v1", topic = Topics.BACKUPS)
public record BackupPolicyResumed(String policyId, String accountId, String reason) implements MooringEvent {

    public BackupPolicyResumed {
        Require.text(policyId, "policyId");
        Require.text(accountId, "accountId");
        Require.text(reason, "reason");
    }

    @Override
    public String subject() {
        return policyId;
    }
}
