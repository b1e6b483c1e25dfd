package io.mooring.bench;

import org.HdrHistogram.Histogram;

import java.util.Arrays;

/**
 * The checks one target saw, read from its access log, judged against the schedule: monitor {@code i} is due at
 * {@code offset[i] + k * interval}. Each request counts for the latest slot at or before its start (give or take
 * {@link #CLOCK_SLACK_MILLIS}, the log's millisecond rounding); its lag is the time from that slot. A slot in the
 * window with no request before the next slot is missed; a second request for one slot is doubled.
 */
final class CheckLog {
    /** The log's times are whole milliseconds: a request this much before its slot still counts for it. */
    static final long CLOCK_SLACK_MILLIS = 5;

    private final long intervalMillis;
    private final int[] offsets;
    private final long[][] starts;
    private final int[] counts;

    /** Room for {@code capacity} monitors, numbered from 0, none of them placed yet (so none judged). */
    CheckLog(long intervalMillis, int capacity) {
        this.intervalMillis = intervalMillis;
        this.offsets = new int[capacity];
        Arrays.fill(offsets, -1);
        this.starts = new long[capacity][];
        this.counts = new int[capacity];
    }

    /** Monitor {@code index} is due at {@code offsetMillis + k * interval}, and its checks show in this log. */
    void place(int index, int offsetMillis) {
        offsets[index] = offsetMillis;
    }

    int monitors() {
        return offsets.length;
    }

    /** A request of monitor {@code index} that started at {@code startMillis} (epoch milliseconds). */
    void request(int index, long startMillis) {
        if (index < 0 || index >= offsets.length) {
            return;
        }
        long[] times = starts[index];
        if (times == null) {
            times = starts[index] = new long[4];
        } else if (counts[index] == times.length) {
            times = starts[index] = Arrays.copyOf(times, times.length * 2);
        }
        times[counts[index]++] = startMillis;
    }

    /** Forgets requests that started before {@code millis} (they can count for no slot judged from then on). */
    void forgetBefore(long millis) {
        for (int i = 0; i < offsets.length; i++) {
            long[] times = starts[i];
            int kept = 0;
            for (int j = 0; j < counts[i]; j++) {
                if (times[j] >= millis) {
                    times[kept++] = times[j];
                }
            }
            counts[i] = kept;
        }
    }

    /**
     * Judges the slots of monitors {@code [0, monitors)} that fall in {@code [from, to)}. Call it once every request
     * up to {@code to + interval} is in.
     */
    Verdict judge(long from, long to, int monitors) {
        Histogram lag = new Histogram(3_600_000L, 3);
        long slots = 0;
        long missed = 0;
        long doubled = 0;
        for (int i = 0; i < Math.min(monitors, offsets.length); i++) {
            if (offsets[i] < 0) {
                continue;
            }
            long first = firstSlotAtOrAfter(offsets[i], from);
            for (long slot = first; slot < to; slot += intervalMillis) {
                slots++;
                int seen = 0;
                long earliest = Long.MAX_VALUE;
                for (int j = 0; j < counts[i]; j++) {
                    long start = starts[i][j];
                    if (start >= slot - CLOCK_SLACK_MILLIS && start < slot + intervalMillis - CLOCK_SLACK_MILLIS) {
                        seen++;
                        earliest = Math.min(earliest, start);
                    }
                }
                if (seen == 0) {
                    missed++;
                } else {
                    lag.recordValue(Math.max(0, earliest - slot));
                    doubled += seen - 1;
                }
            }
        }
        return new Verdict(slots, missed, doubled, lag);
    }

    private long firstSlotAtOrAfter(int offset, long at) {
        long k = Math.floorDiv(at - offset + intervalMillis - 1, intervalMillis);
        return k * intervalMillis + offset;
    }

    /** @param lag milliseconds from each checked slot to its first request */
    record Verdict(long slots, long missed, long doubled, Histogram lag) {
        long checked() {
            return slots - missed;
        }
    }
}
