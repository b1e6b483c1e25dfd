package io.mooring.monitor.probe;

/** What one check concluded. */
public enum ProbeStatus {
    UP,
    /** Answered, but too slowly or with a certificate close to expiry. */
    DEGRADED,
    DOWN
}
