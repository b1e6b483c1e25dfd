package io.mooring.events;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An event as a consumer sees it. {@code data} is empty when the type is not known to this
 * version of the contract (a newer producer): consumers skip such events instead of failing.
 * {@code topic} is the Kafka topic it was read from; empty when it was decoded without a record.
 */
public record ReceivedEvent(UUID id, String type, String source, String subject, OffsetDateTime time,
                            Optional<MooringEvent> data, byte[] rawData, Optional<String> topic) {

    public boolean isKnown() {
        return data.isPresent();
    }

    /** The payload if it is of the given type. */
    public <T extends MooringEvent> Optional<T> dataAs(Class<T> type) {
        return data.filter(type::isInstance).map(type::cast);
    }

    /** Compares {@code rawData} by content, not by array identity. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ReceivedEvent that
                && id.equals(that.id) && type.equals(that.type) && source.equals(that.source)
                && subject.equals(that.subject) && time.equals(that.time) && data.equals(that.data)
                && Arrays.equals(rawData, that.rawData) && topic.equals(that.topic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, type, source, subject, time, data, topic) * 31 + Arrays.hashCode(rawData);
    }

    @Override
    public String toString() {
        return "ReceivedEvent[id=" + id + ", type=" + type + ", source=" + source + ", subject=" + subject
                + ", time=" + time + ", data=" + data.map(Object::toString).orElse("<unknown type>")
                + ", rawData=" + (rawData == null ? 0 : rawData.length) + " bytes, topic=" + topic.orElse("<none>") + "]";
    }

    public EventEnvelope toEnvelope() {
        return new EventEnvelope(id, type, source, subject, time, data.orElseThrow(
                () -> new IllegalStateException("unknown event type " + type)));
    }
}
