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
 * by prefix for a pattern ending in {@code *}), its {@code accountId} is the route's (when the route names one) and
 * its {@code severity} is one of the route's (when the route lists some: events without a severity then do not
 * match).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Route(UUID id, List<String> eventTypes, @Nullable String accountId, List<String> severities,
                    List<String> targets, Instant createdAt) {

    public Route {
        eventTypes = List.copyOf(eventTypes);
        severities = severities == null ? List.of() : List.copyOf(severities);
        targets = List.copyOf(targets);
    }

    /** Whether an event of {@code type} whose JSON payload is {@code data} (null when unreadable) goes this way. */
    public boolean matches(String type, @Nullable JsonNode data) {
        if (eventTypes.stream().noneMatch(p -> p.endsWith("*") ? type.startsWith(p.substring(0, p.length() - 1))
                : type.equals(p))) {
            return false;
        }
        if (accountId != null && !accountId.equals(text(data, "accountId"))) {
            return false;
        }
        return severities.isEmpty() || severities.contains(text(data, "severity"));
    }

    private static @Nullable String text(@Nullable JsonNode data, String field) {
        JsonNode value = data == null ? null : data.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }
}
