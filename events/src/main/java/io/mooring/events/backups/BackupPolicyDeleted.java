package io.mooring.events.backups;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/** A backup policy no longer runs. Existing artifacts follow their retention. */
@EventType(value = "mooring.backups.policy.deleted.v1", topic = Topics.BACKUPS)
public record BackupPolicyDeleted(String policyId, String accountId) implements MooringEvent {

    public BackupPolicyDeleted {
        Require.text(policyId, "policyId");
        Require.text(accountId, "accountId");
    }

    @Override
    public String subject() {
        return policyId;
    }
}
