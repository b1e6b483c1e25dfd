package io.mooring.events.backups;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/**
 * The artifact of a run was checked: restored into a scratch database and compared with its manifest.
 *
 * @param ok        whether the artifact passed the check
 * @param accountId nullable: the account the backup policy belongs to, so an account's timeline holds it;
 *                  absent in events written before the field existed
 * @param reason    nullable: why the check failed; null when {@code ok}
 */
@EventType(value = "mooring.backups.run.verified.v1", topic = Topics.BACKUPS)
public record BackupVerified(String policyId, String runId, boolean ok, String accountId, String reason)
        implements MooringEvent {

    public BackupVerified {
        Require.optionalText(accountId, "accountId");
        Require.text(policyId, "policyId");
        Require.text(runId, "runId");
        Require.optionalText(reason, "reason");
    }

    /** Without the account: as producers wrote it before the field existed. */
    public BackupVerified(String policyId, String runId, boolean ok) {
        this(policyId, runId, ok, null, null);
    }

    /** Without a reason: as producers wrote it before the field existed. */
    public BackupVerified(String policyId, String runId, boolean ok, String accountId) {
        this(policyId, runId, ok, accountId, null);
    }

    @Override
    public String subject() {
        return policyId;
    }
}
