package io.mooring.backup.policy;

import io.micronaut.core.annotation.Nullable;
import io.mooring.backup.destination.Destinations;
import io.mooring.runtime.http.ProblemException;
import jakarta.inject.Singleton;

import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the policy fields of a request into {@link PolicySettings}, or a 400 problem naming the
 * field: unknown time zone, retention without a rule, an unknown destination, a malformed age recipient.
 */
@Singleton
class PolicyInput {
    private final Destinations destinations;

    PolicyInput(Destinations destinations) {
        this.destinations = destinations;
    }

    /**
     * The settings of a new policy: what the request gives, defaults for the rest. The default
     * destination is not checked when the request names none: a service without S3 settings still
     * keeps policies (its runs fail until a destination is configured).
     */
    PolicySettings create(PolicyController.CreatePolicy request) {
        if (request.retentionDays() != null && request.retention() != null) {
            throw ProblemException.invalid("retention", "give either retentionDays or retention, not both");
        }
        if (request.retentionDays() == null && request.retention() == null) {
            throw ProblemException.invalid("retention", "is required (or retentionDays, the simple form)");
        }
        RetentionRules rules = request.retentionDays() != null ? RetentionRules.withinDays(request.retentionDays())
                : rules(request.retention(), null);
        return new PolicySettings(schedule(request.schedule()),
                request.timeZone() == null ? PolicySettings.UTC : zone(request.timeZone()), rules,
                request.destination() == null ? BackupPolicy.DEFAULT_DESTINATION : destination(request.destination()),
                request.zstdLevel() == null ? BackupPolicy.DEFAULT_ZSTD_LEVEL : request.zstdLevel(),
                request.ageRecipients() == null ? List.of() : recipients(request.ageRecipients()));
    }

    /**
     * {@code current} changed by a JSON merge patch (RFC 7396): a member that is absent stays, a
     * member that is null goes back to its default (or is removed, for retention rules).
     */
    PolicySettings patch(PolicySettings current, PolicyController.PolicyPatch patch, Set<String> body) {
        CronSchedule schedule = current.schedule();
        if (has(body, "schedule")) {
            schedule = schedule(required(patch.schedule(), "schedule"));
        }
        ZoneId zone = current.zone();
        if (has(body, "timeZone")) {
            zone = patch.timeZone() == null ? PolicySettings.UTC : zone(patch.timeZone());
        }
        RetentionRules rules = current.retention();
        if (has(body, "retentionDays") && has(body, "retention")) {
            throw ProblemException.invalid("retention", "give either retentionDays or retention, not both");
        }
        if (has(body, "retentionDays")) {
            rules = RetentionRules.withinDays(required(patch.retentionDays(), "retentionDays"));
        }
        if (has(body, "retention")) {
            rules = rules(required(patch.retention(), "retention"), new Merge(rules, body));
        }
        String destination = current.destination();
        if (has(body, "destination")) {
            destination = patch.destination() == null ? BackupPolicy.DEFAULT_DESTINATION : destination(patch.destination());
        }
        int zstdLevel = current.zstdLevel();
        if (has(body, "zstdLevel")) {
            zstdLevel = patch.zstdLevel() == null ? BackupPolicy.DEFAULT_ZSTD_LEVEL : patch.zstdLevel();
        }
        List<String> recipients = current.ageRecipients();
        if (has(body, "ageRecipients")) {
            recipients = patch.ageRecipients() == null ? List.of() : recipients(patch.ageRecipients());
        }
        return new PolicySettings(schedule, zone, rules, destination, zstdLevel, recipients);
    }

    /** The rules of a patch's {@code retention} member merged into the current ones. */
    private record Merge(RetentionRules current, Set<String> members) {
        <T> T pick(String name, @Nullable T given, @Nullable T now) {
            return members.contains("retention." + name) ? given : now;
        }
    }

    private static RetentionRules rules(PolicyController.Retention given, @Nullable Merge merge) {
        Integer keepLast = merge == null ? given.keepLast() : merge.pick("keepLast", given.keepLast(), merge.current().keepLast());
        Integer keepDaily = merge == null ? given.keepDaily() : merge.pick("keepDaily", given.keepDaily(), merge.current().keepDaily());
        Integer keepWeekly = merge == null ? given.keepWeekly() : merge.pick("keepWeekly", given.keepWeekly(), merge.current().keepWeekly());
        Integer keepMonthly = merge == null ? given.keepMonthly() : merge.pick("keepMonthly", given.keepMonthly(), merge.current().keepMonthly());
        Period keepWithin = merge == null ? period(given.keepWithin())
                : merge.pick("keepWithin", period(given.keepWithin()), merge.current().keepWithin());
        try {
            return new RetentionRules(keepLast, keepDaily, keepWeekly, keepMonthly, keepWithin);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            String field = message.startsWith("retention.") ? message.substring(0, message.indexOf(' ')) : "retention";
            throw ProblemException.invalid(field, message.substring(message.indexOf(' ') + 1));
        }
    }

    private static Period period(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            Period period = Period.parse(text);
            if (period.isNegative() || period.isZero()) {
                throw ProblemException.invalid("retention.keepWithin", "must be a positive period such as P14D");
            }
            return period;
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("retention.keepWithin", "must be an ISO-8601 period such as P14D or P1M");
        }
    }

    private static CronSchedule schedule(String expression) {
        try {
            return CronSchedule.parse(expression);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("schedule", e.getMessage());
        }
    }

    private static ZoneId zone(String timeZone) {
        if (!ZoneId.getAvailableZoneIds().contains(timeZone)) {
            throw ProblemException.invalid("timeZone", "must be an IANA time zone such as Europe/Berlin or UTC");
        }
        return ZoneId.of(timeZone);
    }

    private String destination(String name) {
        if (destinations.named(name).isEmpty()) {
            Set<String> names = new TreeSet<>(destinations.names());
            throw ProblemException.invalid("destination", "must name a configured destination, one of " + names);
        }
        return name;
    }

    private static List<String> recipients(List<String> given) {
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            try {
                String recipient = AgeRecipients.require(given.get(i));
                if (!recipients.contains(recipient)) {
                    recipients.add(recipient);
                }
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("ageRecipients[" + i + "]", e.getMessage());
            }
        }
        return recipients;
    }

    private static boolean has(Set<String> members, String member) {
        return members.contains(member);
    }

    private static <T> T required(@Nullable T value, String field) {
        if (value == null) {
            throw ProblemException.invalid(field, "must not be null");
        }
        return value;
    }
}
