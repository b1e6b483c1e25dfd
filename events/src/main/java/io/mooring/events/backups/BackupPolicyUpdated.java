package io.mooring.events.backups;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;
import io.mooring.events.WireValue;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A backup policy changed (an operator's PATCH, or the service stopping it because its resource or
 * account is gone). It carries the whole policy as it is now; the fields mean what they mean in
 * {@link BackupPolicyCreated}.
 *
 * @param state              the wire name of a {@link BackupPolicyState}
 * @param keepArtifactsUntil nullable: for a STOPPED policy, when its remaining artifacts are pruned and it is deleted
 */
@EventType(value = "mooring.backups.policy.updated.v1", topic = Topics.BACKUPS)
public record BackupPolicyUpdated(String policyId, String accountId, BackupTarget target, String schedule,
                                  int retentionDays, String timeZone, BackupRetention retention, String destination,
                                  int zstdLevel, List<String> ageRecipients, String state,
                                  OffsetDateTime keepArtifactsUntil) implements MooringEvent {

    public BackupPolicyUpdated {
        Require.text(policyId, "policyId");
        Require.text(accountId, "accountId");
        Require.present(target, "target");
        Require.matches(schedule, BackupPolicyCreated.CRON, "schedule", "a five-field cron expression");
        Require.positive(retentionDays, "retentionDays");
        Require.text(timeZone, "timeZone");
        Require.present(retention, "retention");
        Require.text(destination, "destination");
        if (zstdLevel < 1 || zstdLevel > 22) {
            throw new IllegalArgumentException("zstdLevel must be between 1 and 22, was " + zstdLevel);
        }
        ageRecipients = BackupPolicyCreated.recipients(ageRecipients);
        WireValue.parse(BackupPolicyState.class, state, "state");
    }

    @Override
    public String subject() {
        return policyId;
    }
}
