package io.mooring.backup.run;

/** A policy can run once at a time: {@code running} is its current run. */
public class RunInProgress extends RuntimeException {
    private final transient BackupRun running;

    public RunInProgress(BackupRun running) {
        super("policy " + running.policyId() + " is running already: run " + running.id());
        this.running = running;
    }

    public BackupRun running() {
        return running;
    }
}
