package io.mooring.events.backups;

import io.mooring.events.WireValue;

/** Whether a backup policy runs: ACTIVE runs on schedule, PAUSED does not, STOPPED waits for its artifacts to expire. */
public enum BackupPolicyState implements WireValue {
    ACTIVE, PAUSED, STOPPED;

    @Override
    public String wireName() {
        return name();
    }
}
