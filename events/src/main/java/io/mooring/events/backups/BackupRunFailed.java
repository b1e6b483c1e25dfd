package io.mooring.events.backups;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

import java.util.Set;

/**
 * A backup run ended without an artifact: whatever it had written is removed.
 *
 * @param reason          what went wrong, for operators
 * @param failure         nullable: how the failure was classified: {@code transient} (a store, network or server
 *                        fault; retried), {@code permanent} (retrying cannot help), {@code timeout} (the run
 *                        exceeded its time limit) or {@code interrupted} (the instance running it stopped)
 * @param durationSeconds nullable: from the run's start to its end
 * @param trigger         nullable: {@code schedule}, {@code manual} or {@code chat}
 */
@EventType(value = "mooring.backups.run.failed.v1", topic = Topics.BACKUPS)
public record BackupRunFailed(String policyId, String runId, String accountId, String reason, String failure,
                              Long durationSeconds, String trigger) implements MooringEvent {

    static final Set<String> FAILURES = Set.of("transient", "permanent", "timeout", "interrupted");

    public BackupRunFailed {
        Require.text(policyId, "policyId");
        Require.text(runId, "runId");
        Require.text(accountId, "accountId");
        Require.text(reason, "reason");
        if (failure != null && !FAILURES.contains(failure)) {
            throw new IllegalArgumentException(
                    "failure must be one of transient, permanent, timeout, interrupted, was '" + failure + "'");
        }
        if (durationSeconds != null) {
            Require.notNegative(durationSeconds, "durationSeconds");
        }
        RunTrigger.check(trigger);
    }

    /** Without the fields added later: as producers wrote it before they existed. */
    public BackupRunFailed(String policyId, String runId, String accountId, String reason) {
        this(policyId, runId, accountId, reason, null, null, null);
    }

    @Override
    public String subject() {
        return policyId;
    }
}
