package io.mooring.chatops.route;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.runtime.http.ProblemException;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** What a route sent to the API or written in the targets file must be: every problem is a 400 naming the field. */
public final class RouteRules {
    static final int MAX_ENTRIES = 20;
    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,199}\\*?|\\*");
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,199}\\*?|\\*");
    private static final Set<String> SEVERITIES = Set.of("minor", "major", "critical");

    private RouteRules() {
    }

    /**
     * A route as sent.
     *
     * @param eventTypes event types, or prefixes ending in {@code *} ({@code mooring.monitoring.*}, or {@code *})
     * @param accountId  only events of this account (payload {@code accountId})
     * @param hostId     only events of this host (payload {@code hostId})
     * @param subjects   only events whose CloudEvents subject is one of these, or starts with a prefix ending in {@code *}
     * @param severities only events with one of these severities ({@code minor}, {@code major}, {@code critical})
     * @param targets    names of targets
     */
    @Serdeable
    public record RouteRequest(@Nullable List<String> eventTypes, @Nullable String accountId, @Nullable String hostId,
                               @Nullable List<String> subjects, @Nullable List<String> severities,
                               @Nullable List<String> targets) {
    }

    public static Route check(UUID id, RouteRequest request, Set<String> knownTargets, String source, Instant createdAt) {
        List<String> types = entries("eventTypes", request.eventTypes(), true);
        for (String type : types) {
            if (!TYPE.matcher(type).matches()) {
                throw ProblemException.invalid("eventTypes", "'" + type + "' is not an event type or a prefix ending in *");
            }
        }
        String account = id("accountId", request.accountId());
        String host = id("hostId", request.hostId());
        List<String> subjects = entries("subjects", request.subjects(), false);
        for (String subject : subjects) {
            if (!SUBJECT.matcher(subject).matches()) {
                throw ProblemException.invalid("subjects", "entries must be subjects (letters, digits, . _ : / @ -), "
                        + "or prefixes ending in *");
            }
        }
        List<String> severities = entries("severities", request.severities(), false);
        for (String severity : severities) {
            if (!SEVERITIES.contains(severity)) {
                throw ProblemException.invalid("severities", "'" + severity + "' is not one of " + SEVERITIES);
            }
        }
        List<String> names = entries("targets", request.targets(), true);
        for (String name : names) {
            if (!knownTargets.contains(name)) {
                throw ProblemException.invalid("targets", "'" + name + "' is not a target");
            }
        }
        return new Route(id, types, account, host, subjects, severities, names, source, createdAt);
    }

    private static @Nullable String id(String field, @Nullable String value) {
        if (value != null && (value.isBlank() || value.length() > 200)) {
            throw ProblemException.invalid(field, "must be 1 to 200 characters when given");
        }
        return value;
    }

    private static List<String> entries(String field, @Nullable List<String> values, boolean required) {
        if (values == null || values.isEmpty()) {
            if (required) {
                throw ProblemException.invalid(field, "must list at least one entry");
            }
            return List.of();
        }
        if (values.size() > MAX_ENTRIES) {
            throw ProblemException.invalid(field, "must list at most " + MAX_ENTRIES + " entries");
        }
        if (values.stream().anyMatch(v -> v == null || v.isBlank())) {
            throw ProblemException.invalid(field, "must not contain blank entries");
        }
        if (values.stream().anyMatch(v -> v.length() > 201)) {
            throw ProblemException.invalid(field, "entries must be at most 200 characters");
        }
        return values.stream().map(String::strip).distinct().toList();
    }
}
