package io.mooring.search.statuses;

import io.mooring.events.ReceivedEvent;
import io.mooring.events.content.InteractionAdded;
import io.mooring.events.content.StatusInteraction;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An interaction event as a document of the {@code interactions} index, with the id and version it
 * is written under: the newest event of an account's interaction of a kind with a status wins, so a
 * removal that arrives before the interaction it removes is not undone by it.
 */
record InteractionDocument(String id, long version, Map<String, Object> body) {

    static Optional<InteractionDocument> of(ReceivedEvent event) {
        if (!(event.data().orElse(null) instanceof StatusInteraction interaction)) {
            return Optional.empty();
        }
        String source = interaction.source() != null ? interaction.source() : event.source();
        long version = interaction.version() != null ? interaction.version() : Math.max(0, event.time().toInstant().toEpochMilli());
        String id = String.join(":", source, interaction.accountId(), interaction.kind(), interaction.statusId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("source", source);
        body.put("accountId", interaction.accountId());
        body.put("statusId", interaction.statusId());
        body.put("kind", interaction.kind());
        body.put("active", interaction instanceof InteractionAdded);
        body.put("version", version);
        body.put("updatedAt", event.time().toInstant().toString());
        return Optional.of(new InteractionDocument(id, version, body));
    }
}
