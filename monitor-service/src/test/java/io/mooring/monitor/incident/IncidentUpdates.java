package io.mooring.monitor.incident;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.events.monitoring.IncidentUpdateKind;
import io.mooring.events.monitoring.IncidentUpdated;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The {@code IncidentUpdated} events an incident's timeline, as the API shows it, says were sent. */
public final class IncidentUpdates {

    private IncidentUpdates() {
    }

    /** One event per timeline entry of an {@link IncidentUpdateKind}, in the timeline's order. */
    public static List<IncidentUpdated> expected(JsonNode incident) {
        Instant openedAt = Instant.parse(incident.get("openedAt").asText());
        JsonNode account = incident.get("accountId");
        List<IncidentUpdated> updates = new ArrayList<>();
        for (JsonNode entry : incident.get("timeline")) {
            String kind = entry.get("kind").asText();
            if (Arrays.stream(IncidentUpdateKind.values()).noneMatch(k -> k.wireName().equals(kind))) {
                continue;
            }
            Instant at = Instant.parse(entry.get("at").asText());
            updates.add(new IncidentUpdated(incident.get("monitorId").asText(), incident.get("id").asText(),
                    incident.get("title").asText(), kind, entry.get("message").asText(), at.atOffset(ZoneOffset.UTC),
                    Duration.between(openedAt, at).toSeconds(), account == null || account.isNull() ? null : account.asText()));
        }
        return updates;
    }
}
