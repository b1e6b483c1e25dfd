package io.mooring.monitor.status;

import io.mooring.events.monitoring.MonitorState;

import java.util.Collection;

/**
 * How the status page ranks states when it shows a group as its worst member: DOWN, then DEGRADED,
 * then UP; a group is UNKNOWN (or PAUSED) only when no member is known to be up or down.
 */
public final class PublicState {
    private PublicState() {
    }

    /** The worst of {@code states}; UNKNOWN for none. */
    public static MonitorState worst(Collection<MonitorState> states) {
        MonitorState worst = null;
        for (MonitorState state : states) {
            if (worst == null || rank(state) > rank(worst)) {
                worst = state;
            }
        }
        return worst == null ? MonitorState.UNKNOWN : worst;
    }

    static int rank(MonitorState state) {
        return switch (state) {
            case PAUSED -> 0;
            case UNKNOWN -> 1;
            case UP -> 2;
            case DEGRADED -> 3;
            case DOWN -> 4;
        };
    }

    /** What a visitor reads for the state. */
    public static String label(MonitorState state) {
        return switch (state) {
            case UP -> "Operational";
            case DEGRADED -> "Degraded";
            case DOWN -> "Down";
            case UNKNOWN -> "Unknown";
            case PAUSED -> "Paused";
        };
    }
}
