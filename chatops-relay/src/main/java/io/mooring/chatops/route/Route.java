package io.mooring.chatops.route;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Which events go to which targets. An event matches when its type matches one of {@code eventTypes} (exactly, or
 * by prefix for a pattern ending in {@code *}), its {@code accountId} is the route's (when the route names one), its
 * {@code hostId} is the route's (when it names one), its CloudEvents {@code subject} matches one of {@code subjects}
 * (when it lists some; same patterns as event types) and its {@code severity} is one of the route's (when the route
 * lists some: events without a severity then do not match).
 *
 * @param source {@code api}, or {@code file} for a route of the targets file (read-only through the API)
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Route(UUID id, List<String> eventTypes, @Nullable String accountId, @Nullable String hostId,
                    List<String> subjects, List<String> severities, List<String> targets, @Nullable String source,
                    Instant createdAt) {
    public static final String API = "api";
    public static final String FILE = "file";

    public Route {
        eventTypes = List.copyOf(eventTypes);
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
        severities = severities == null ? List.of() : List.copyOf(severities);
        targets = List.copyOf(targets);
        source = source == null ? API : source;
    }

    /**
     * Whether an event of {@code type} about {@code subject} whose JSON payload is {@code data} (null when unreadable)
     * goes this way.
     */
    public boolean matches(String type, @Nullable String subject, @Nullable JsonNode data) {
        if (eventTypes.stream().noneMatch(p -> matches(p, type))) {
            return false;
        }
        if (accountId != null && !accountId.equals(text(data, "accountId"))) {
            return false;
        }
        if (hostId != null && !hostId.equals(text(data, "hostId"))) {
            return false;
        }
        if (!subjects.isEmpty() && (subject == null || subjects.stream().noneMatch(p -> matches(p, subject)))) {
            return false;
        }
        return severities.isEmpty() || severities.contains(text(data, "severity"));
    }

    /** Whether {@code value} is {@code pattern}, or starts with it when it ends in {@code *}. */
    static boolean matches(String pattern, String value) {
        return pattern.endsWith("*") ? value.startsWith(pattern.substring(0, pattern.length() - 1)) : value.equals(pattern);
    }

    private static @Nullable String text(@Nullable JsonNode data, String field) {
        JsonNode value = data == null ? null : data.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }
}
