package io.mooring.search.timeline;

import io.mooring.events.EventCatalog;
import io.mooring.events.Topics;

import java.util.Optional;

/**
 * The topic an event type travels on, for events decoded without their Kafka record: from the
 * catalog for known types and from the area of the type ({@code mooring.<area>....}) for newer
 * ones: every area has exactly one topic, {@code mooring.<area>[.<stream>]}.
 */
final class EventTopics {

    private EventTopics() {
    }

    static Optional<String> topicOf(String type) {
        Optional<String> known = EventCatalog.entryOf(type).map(EventCatalog.Entry::topic);
        if (known.isPresent()) {
            return known;
        }
        String[] parts = type.split("\\.");
        if (parts.length < 3 || !"mooring".equals(parts[0])) {
            return Optional.empty();
        }
        return Topics.ALL.stream().filter(topic -> parts[1].equals(topic.split("\\.")[1])).findFirst();
    }
}
