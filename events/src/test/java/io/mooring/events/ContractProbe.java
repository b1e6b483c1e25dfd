package io.mooring.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** Puts hand-made bodies through the codec, as a consumer would receive them. */
final class ContractProbe {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T03:00:12.345678Z"), ZoneOffset.UTC);
    private static final UUID ID = UUID.fromString("01972a3c-8b1e-7c3a-9f00-5d2e8a4b6c71");

    private final EventCodec codec = new EventCodec();

    /** The encoded body of an event, as a mutable JSON object. */
    ObjectNode body(MooringEvent event) {
        try {
            return (ObjectNode) codec.mapper().readTree(codec.encodeData(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a consumer can read {@code body} as {@code entry}'s type. */
    boolean decodes(EventCatalog.Entry entry, String subject, JsonNode body) {
        try {
            codec.decode(cloudEvent(entry, subject, body));
            return true;
        } catch (MalformedEventException e) {
            return false;
        }
    }

    ReceivedEvent decode(EventCatalog.Entry entry, String subject, JsonNode body) {
        return codec.decode(cloudEvent(entry, subject, body));
    }

    private CloudEvent cloudEvent(EventCatalog.Entry entry, String subject, JsonNode body) {
        try {
            return codec.toCloudEvent(ID, entry.type(), EventEnvelope.sourceOf(Topology.PRODUCER.get(entry.topic())),
                    subject, CLOCK.instant().atOffset(ZoneOffset.UTC), codec.mapper().writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
