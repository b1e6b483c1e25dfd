package io.mooring.backup.artifact;

/**
 * A restore that would destroy data or reach beyond its target: a non-empty target without
 * {@code overwrite}, or an artifact naming keys outside the account's prefix. Not retriable.
 */
public class RestoreRefused extends RuntimeException {
    public RestoreRefused(String message) {
        super(message);
    }
}
