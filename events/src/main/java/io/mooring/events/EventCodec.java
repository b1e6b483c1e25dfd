package io.mooring.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.io.IOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns platform events into CloudEvents 1.0 in Kafka binary mode ({@code ce_*} headers, JSON
 * body) and back. Thread-safe.
 */
public final class EventCodec {

    public static final String CONTENT_TYPE = "application/json";

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // the same event always encodes to the same bytes
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // a missing number or boolean is an error, not a silent 0 or false
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    /** The JSON body of an event payload. */
    public byte[] encodeData(MooringEvent data) {
        try {
            return mapper.writeValueAsBytes(data);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialize " + data.getClass().getSimpleName(), e);
        }
    }

    public CloudEvent toCloudEvent(EventEnvelope event) {
        return toCloudEvent(event.id(), event.type(), event.source(), event.subject(), event.time(),
                encodeData(event.data()));
    }

    /** Builds a CloudEvent from stored parts, as the outbox relay does. */
    public CloudEvent toCloudEvent(UUID id, String type, String source, String subject, OffsetDateTime time, byte[] data) {
        return CloudEventBuilder.v1()
                .withId(id.toString())
                .withType(type)
                .withSource(URI.create(source))
                .withSubject(subject)
                .withTime(time.withOffsetSameInstant(ZoneOffset.UTC))
                .withDataContentType(CONTENT_TYPE)
                .withData(data)
                .build();
    }

    /** A record in binary mode keyed by the event subject, serialized to bytes. */
    public ProducerRecord<String, byte[]> toRecord(String topic, CloudEvent event) {
        ProducerRecord<String, CloudEvent> record = new ProducerRecord<>(topic, null, event.getSubject(), event, new RecordHeaders());
        try (CloudEventSerializer serializer = new CloudEventSerializer()) {
            serializer.configure(java.util.Map.of(), false);
            byte[] body = serializer.serialize(topic, record.headers(), event);
            return new ProducerRecord<>(topic, null, event.getSubject(), body, record.headers());
        }
    }

    public ProducerRecord<String, byte[]> toRecord(EventEnvelope event) {
        return toRecord(event.topic(), toCloudEvent(event));
    }

    /**
     * Reads a Kafka record. Unknown types come back with an empty payload; a record that is not a
     * CloudEvent, or whose body does not match its known type (including a body whose aggregate
     * id differs from the event subject), throws {@link MalformedEventException}.
     */
    public ReceivedEvent decode(ConsumerRecord<String, byte[]> record) {
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (RuntimeException e) {
            throw new MalformedEventException("not a CloudEvent: " + e.getMessage(), e);
        }
        return decode(event, Optional.of(record.topic()));
    }

    /** Reads a CloudEvent that did not come from a Kafka record (its topic is unknown). */
    public ReceivedEvent decode(CloudEvent event) {
        return decode(event, Optional.empty());
    }

    private ReceivedEvent decode(CloudEvent event, Optional<String> topic) {
        UUID id;
        try {
            id = UUID.fromString(event.getId());
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("event id is not a UUID: " + event.getId(), e);
        }
        if (event.getSubject() == null || event.getSubject().isBlank()) {
            throw new MalformedEventException("event " + id + " has no subject");
        }
        if (event.getTime() == null) {
            throw new MalformedEventException("event " + id + " has no time");
        }
        byte[] raw = event.getData() == null ? new byte[0] : event.getData().toBytes();
        Optional<MooringEvent> data = EventCatalog.entryOf(event.getType())
                .map(entry -> decodeData(entry, raw, id, event.getSubject()));
        return new ReceivedEvent(id, event.getType(), event.getSource().toString(), event.getSubject(), event.getTime(), data, raw,
                topic);
    }

    private MooringEvent decodeData(EventCatalog.Entry entry, byte[] raw, UUID id, String subject) {
        MooringEvent data;
        try {
            data = mapper.readValue(raw, entry.recordClass());
        } catch (IOException | RuntimeException e) {
            throw new MalformedEventException("event " + id + " of type " + entry.type() + " has an invalid body: "
                    + rootMessage(e), e);
        }
        if (data == null) {
            throw new MalformedEventException("event " + id + " of type " + entry.type() + " has a null body");
        }
        if (!subject.equals(data.subject())) {
            throw new MalformedEventException("event " + id + " has subject '" + subject + "' but its body is about '"
                    + data.subject() + "'");
        }
        return data;
    }

    /** The mapper used for event bodies, for callers that store or inspect raw payloads. */
    public ObjectMapper mapper() {
        return mapper;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
