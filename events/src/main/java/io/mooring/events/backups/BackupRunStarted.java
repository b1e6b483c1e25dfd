package io.mooring.events.backups;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;
import io.mooring.events.chatops.CommandAnswer;

/**
 * A backup run of a policy began.
 *
 * @param trigger nullable: what started it, {@code schedule}, {@code manual} or {@code chat}; absent in events
 *                written before the field existed
 * @param commandId nullable: the chat command that started it (trigger {@code chat}); absent in events written
 *                before the field existed
 */
@EventType(value = "mooring.backups.run.started.v1", topic = Topics.BACKUPS)
public record BackupRunStarted(String policyId, String runId, String accountId, String trigger, String commandId)
        implements MooringEvent, CommandAnswer {

    public BackupRunStarted {
        Require.text(policyId, "policyId");
        Require.text(runId, "runId");
        Require.text(accountId, "accountId");
        RunTrigger.check(trigger);
        Require.optionalText(commandId, "commandId");
    }

    /** Not caused by a chat command. */
    public BackupRunStarted(String policyId, String runId, String accountId, String trigger) {
        this(policyId, runId, accountId, trigger, null);
    }

    /** Without the trigger: as producers wrote it before the field existed. */
    public BackupRunStarted(String policyId, String runId, String accountId) {
        this(policyId, runId, accountId, null);
    }

    @Override
    public String subject() {
        return policyId;
    }
}
