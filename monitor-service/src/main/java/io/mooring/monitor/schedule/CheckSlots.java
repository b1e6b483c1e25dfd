package io.mooring.monitor.schedule;

import java.time.Instant;
import java.util.UUID;

/**
 * When a monitor is due: at {@code offset + k * interval} since the epoch, the offset a stable hash
 * of its id. Monitors of one interval thus spread evenly over it, and a monitor keeps its place
 * across restarts and replicas.
 */
public final class CheckSlots {
    private CheckSlots() {
    }

    /** The monitor's place within its interval, in milliseconds: 0 (inclusive) to the interval (exclusive). */
    public static int offsetMillis(UUID id, int intervalSeconds) {
        long h = id.getMostSignificantBits() ^ Long.rotateLeft(id.getLeastSignificantBits(), 17);
        // SplitMix64's finalizer: UUIDv7 ids share their leading time bits, so mix every bit in
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        h = h ^ (h >>> 31);
        return (int) Math.floorMod(h, intervalSeconds * 1000L);
    }

    /** The first slot at or after {@code at}. */
    public static Instant firstAtOrAfter(int offsetMillis, int intervalSeconds, Instant at) {
        long interval = intervalSeconds * 1000L;
        long k = Math.floorDiv(at.toEpochMilli() - offsetMillis + interval - 1, interval);
        return Instant.ofEpochMilli(k * interval + offsetMillis);
    }
}
