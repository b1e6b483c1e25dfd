package io.mooring.backup.run;

import io.mooring.backup.policy.BackupPolicy;

/** Only an ACTIVE policy runs; a paused or stopped one waits for its account. */
public class PolicyNotActive extends RuntimeException {
    public PolicyNotActive(BackupPolicy policy) {
        super("policy " + policy.id() + " is " + policy.state() + ": only an ACTIVE policy runs");
    }
}
