package io.mooring.backup.policy;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
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
 *       last N days, ISO weeks and months that have one, in the policy's time zone;</li>
 *   <li>{@code keepWithin}: every artifact taken within that period before the newest one (relative
 *       to the newest, so a policy that stopped running does not lose its last artifacts).</li>
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
        kept.add(newestFirst.get(0).id());
        if (keepLast != null) {
            newestFirst.stream().limit(keepLast).forEach(a -> kept.add(a.id()));
        }
        keepOnePer(newestFirst, keepDaily, zone, t -> t.toLocalDate(), kept);
        keepOnePer(newestFirst, keepWeekly, zone,
                t -> t.get(IsoFields.WEEK_BASED_YEAR) * 100 + t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), kept);
        keepOnePer(newestFirst, keepMonthly, zone, t -> t.getYear() * 100 + t.getMonthValue(), kept);
        if (keepWithin != null) {
            ZonedDateTime newest = newestFirst.get(0).takenAt().atZone(zone);
            Instant cutoff = newest.minus(keepWithin).toInstant();
            newestFirst.stream().filter(a -> !a.takenAt().isBefore(cutoff)).forEach(a -> kept.add(a.id()));
        }
        return kept;
    }

    private static void keepOnePer(List<Artifact> newestFirst, @Nullable Integer count, ZoneId zone,
                                   Function<ZonedDateTime, Object> bucketOf, Set<String> kept) {
        if (count == null) {
            return;
        }
        Object last = null;
        int buckets = 0;
        for (Artifact artifact : newestFirst) {
            Object bucket = bucketOf.apply(artifact.takenAt().atZone(zone));
            if (!bucket.equals(last)) {
                if (buckets == count) {
                    return;
                }
                kept.add(artifact.id());
                buckets++;
                last = bucket;
            }
        }
    }

    private static void positive(@Nullable Integer value, String name) {
        if (value != null && value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

}
