package io.mooring.search.timeline;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.mooring.events.EventCodec;
import io.mooring.events.EventEnvelope;
import io.mooring.events.MooringEvent;
import io.mooring.events.ReceivedEvent;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Events as a consumer receives them, built through the real codec. */
final class Events {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T10:15:30.123456Z"), ZoneOffset.UTC);
    private static final EventCodec CODEC = new EventCodec();

    private Events() {
    }

    static ReceivedEvent received(MooringEvent data) {
        return CODEC.decode(CODEC.toCloudEvent(EventEnvelope.of("test", data, CLOCK)));
    }

    /** An event of a type this version of the contract does not know. */
    static ReceivedEvent unknown(String type, String subject, String body) {
        return CODEC.decode(CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withType(type)
                .withSource(URI.create("/mooring/elsewhere"))
                .withSubject(subject)
                .withTime(OffsetDateTime.now(CLOCK))
                .withDataContentType("application/json")
                .withData(body.getBytes(StandardCharsets.UTF_8))
                .build());
    }
}
