package io.mooring.backup.run;

/** A run, restore or verification failure that retrying cannot cure: a bad setting, a missing writer or resource. */
public class PermanentRunFailure extends RuntimeException {
    public PermanentRunFailure(String message) {
        super(message);
    }
}
