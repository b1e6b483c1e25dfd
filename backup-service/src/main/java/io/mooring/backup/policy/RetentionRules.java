package io.mooring.backup.policy;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Which artifacts of a policy to keep, with the semantics of restic's {@code forget}: the rules
 * combine, an artifact is kept if any rule keeps it, and the newest artifact is always kept.
 *
 * <ul>
 *   <li>{@code keepLast}: the newest N;</li>
 *   <li>{@code keepDaily}, {@code keepWeekly}, {@code keepMonthly}: the newest artifact of each of the
 *       last N days, ISO weeks and months that have one, read in the policy's time zone;</li>
 *   <li>while one of these counted rules has counts left over (fewer artifacts or periods than N),
 *       it also keeps the oldest artifact, which keeps the history as long as the rules allow;</li>
 *   <li>{@code keepWithin}: every artifact taken less than that period before the newest one
 *       (relative to the newest, so a policy that stopped running does not lose its last artifacts).</li>
 * </ul>
 */
public record RetentionRules(@Nullable Integer keepLast, @Nullable Integer keepDaily, @Nullable Integer keepWeekly,
                             @Nullable Integer keepMonthly, @Nullable Period keepWithin) {

    public RetentionRules {
        positive(keepLast, "retention.keepLast");
        positive(keepDaily, "retention.keepDaily");
        positive(keepWeekly, "retention.keepWeekly");
        positive(keepMonthly, "retention.keepMonthly");
        if (keepWithin != null && (keepWithin.isNegative() || keepWithin.isZero())) {
            throw new IllegalArgumentException("retention.keepWithin must be a positive period, was " + keepWithin);
        }
        if (keepLast == null && keepDaily == null && keepWeekly == null && keepMonthly == null && keepWithin == null) {
            throw new IllegalArgumentException("retention must have at least one rule");
        }
    }

    /** Every artifact taken within {@code days} days before the newest one. */
    public static RetentionRules withinDays(int days) {
        return new RetentionRules(null, null, null, null, Period.ofDays(days));
    }

    /** An artifact as retention sees it. */
    public record Artifact(String id, Instant takenAt) {
    }

    /** The ids of {@code artifacts} to keep; the others may be pruned. */
    public Set<String> keep(List<Artifact> artifacts, ZoneId zone) {
        List<Artifact> newestFirst = new ArrayList<>(artifacts);
        newestFirst.sort(Comparator.comparing(Artifact::takenAt).reversed());
        Set<String> kept = new HashSet<>();
        if (newestFirst.isEmpty()) {
            return kept;
        }
        kept.add(newestFirst.getFirst().id());
        List<Counter> counters = new ArrayList<>();
        counter(counters, keepLast, t -> null);
        counter(counters, keepDaily, ZonedDateTime::toLocalDate);
        counter(counters, keepWeekly, t -> t.get(IsoFields.WEEK_BASED_YEAR) * 100 + t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        counter(counters, keepMonthly, t -> YearMonth.from(t));
        Instant cutoff = keepWithin == null ? null
                : newestFirst.getFirst().takenAt().atZone(zone).minus(keepWithin).toInstant();
        for (int i = 0; i < newestFirst.size(); i++) {
            Artifact artifact = newestFirst.get(i);
            ZonedDateTime local = artifact.takenAt().atZone(zone);
            boolean oldest = i == newestFirst.size() - 1;
            for (Counter counter : counters) {
                if (counter.takes(local, oldest)) {
                    kept.add(artifact.id());
                }
            }
            if (cutoff != null && artifact.takenAt().isAfter(cutoff)) {
                kept.add(artifact.id());
            }
        }
        return kept;
    }

    private static void counter(List<Counter> counters, @Nullable Integer count, Function<ZonedDateTime, Object> periodOf) {
        if (count != null) {
            counters.add(new Counter(count, periodOf));
        }
    }

    /**
     * One counted rule, walked newest first: it takes the first artifact of each new period while
     * counts are left, and the oldest artifact if counts are still left then. keepLast has no
     * periods: every artifact is a new one.
     */
    private static final class Counter {
        private final Function<ZonedDateTime, Object> periodOf;
        private int left;
        private Object lastPeriod;
        private boolean started;

        Counter(int count, Function<ZonedDateTime, Object> periodOf) {
            this.left = count;
            this.periodOf = periodOf;
        }

        boolean takes(ZonedDateTime takenAt, boolean oldest) {
            if (left == 0) {
                return false;
            }
            Object period = periodOf.apply(takenAt);
            boolean newPeriod = !started || period == null || !period.equals(lastPeriod);
            if (!newPeriod && !oldest) {
                return false;
            }
            started = true;
            lastPeriod = period;
            left--;
            return true;
        }
    }

    private static void positive(@Nullable Integer value, String name) {
        if (value != null && value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

}
