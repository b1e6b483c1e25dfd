package io.mooring.events;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;

/**
 * A platform event with its CloudEvents attributes.
 *
 * @param id      unique id (UUIDv7), the idempotency key of consumers
 * @param type    the CloudEvents type, e.g. {@code mooring.provisioning.account.ready.v1}
 * @param source  the producing service, e.g. {@code /mooring/provisioner}
 * @param subject the aggregate id; also the Kafka record key
 * @param time    when the fact happened
 * @param data    the payload
 */
public record EventEnvelope(UUID id, String type, String source, String subject, OffsetDateTime time, MooringEvent data) {

    private static final TimeBasedEpochGenerator UUID_V7 = Generators.timeBasedEpochGenerator();

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        requireText(type, "type");
        requireText(source, "source");
        requireText(subject, "subject");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }

    /** Wraps a payload produced now by {@code service}, with a fresh UUIDv7 id. */
    public static EventEnvelope of(String service, MooringEvent data, Clock clock) {
        EventCatalog.Entry entry = EventCatalog.entryOf(data.getClass());
        return new EventEnvelope(UUID_V7.generate(), entry.type(), sourceOf(service), data.subject(),
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC), data);
    }

    /** The CloudEvents source of a service: {@code /mooring/<service>}. */
    public static String sourceOf(String service) {
        requireText(service, "service");
        return "/mooring/" + service;
    }

    /** The topic this event travels on. */
    public String topic() {
        return EventCatalog.entryOf(data.getClass()).topic();
    }

    /** The payload as its concrete type, or an exception if it is another type. */
    public <T extends MooringEvent> T dataAs(Class<T> type) {
        return type.cast(data);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
