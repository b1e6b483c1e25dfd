package io.mooring.chatops.route;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.chatops.delivery.PlatformEventHandler;
import io.mooring.events.EventCatalog;
import io.mooring.runtime.http.ProblemException;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What a route sent to the API or written in the targets file must be: every problem is a 400 naming the field. */
public final class RouteRules {
    static final int MAX_ENTRIES = 20;
    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,199}\\*?|\\*");
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,199}\\*?|\\*");
    private static final Set<String> SEVERITIES = Set.of("minor", "major", "critical");
    /** The event types a route can match: those of the contract on the topics the relay posts from. */
    static final List<String> KNOWN_TYPES = EventCatalog.entries().stream()
            .filter(e -> PlatformEventHandler.TOPICS.contains(e.topic())).map(EventCatalog.Entry::type).sorted().toList();

    private RouteRules() {
    }

    /**
     * A route as sent.
     *
     * @param eventTypes event types, or prefixes ending in {@code *} ({@code mooring.monitoring.*}, or {@code *}); each
     *                   must match at least one type of the contract on the topics the relay posts from
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
        for (int i = 0; i < types.size(); i++) {
            String type = types.get(i);
            if (!TYPE.matcher(type).matches()) {
                throw ProblemException.invalid("eventTypes", "'" + type + "' is not an event type or a prefix ending in *");
            }
            if (!canMatch(type)) {
                throw ProblemException.invalid("eventTypes[" + i + "]", "'" + type + "' matches no event type"
                        + suggestion(type).map(s -> "; did you mean " + s + "?").orElse(" of "
                        + String.join(", ", new TreeSet<>(PlatformEventHandler.TOPICS)) + ", the topics the relay posts from"));
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

    /** Whether a pattern matches at least one type of {@link #KNOWN_TYPES}. */
    static boolean canMatch(String pattern) {
        return KNOWN_TYPES.stream().anyMatch(type -> Route.matches(pattern, type));
    }

    /** The glob a pattern that matches nothing was likely meant as ({@code mooring.monitoring} → {@code mooring.monitoring.*}). */
    private static Optional<String> suggestion(String pattern) {
        String stem = pattern.endsWith("*") ? pattern.substring(0, pattern.length() - 1) : pattern;
        return Stream.of(stem.endsWith(".") ? stem + "*" : stem + ".*", stem + "*")
                .filter(RouteRules::canMatch).findFirst();
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
