package io.mooring.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every catalogued event type: its record, its schema and the codec agree. */
class EventContractTest {

    private static final Clock CLOCK = ContractProbe.CLOCK;
    private static final String TYPE_NAME = "^mooring\\.[a-z]+\\.[a-z]+(-[a-z]+)*\\.[a-z]+(-[a-z]+)*\\.v[1-9][0-9]*$";

    private final EventCodec codec = new EventCodec();
    private final ContractProbe probe = new ContractProbe();

    static Stream<Named<EventCatalog.Entry>> types() {
        return EventCatalog.entries().stream().map(entry -> Named.of(entry.type(), entry));
    }

    @ParameterizedTest
    @MethodSource("types")
    void roundTripsThroughAKafkaRecord(EventCatalog.Entry entry) {
        MooringEvent sample = EventSamples.of(entry);
        EventEnvelope sent = EventEnvelope.of(Topology.PRODUCER.get(entry.topic()), sample, CLOCK);

        ProducerRecord<String, byte[]> produced = codec.toRecord(sent);
        ReceivedEvent received = codec.decode(KafkaRecords.consumed(produced));

        assertThat(produced.topic()).isEqualTo(entry.topic());
        assertThat(produced.key()).isEqualTo(sample.subject());
        assertThat(received.id()).isEqualTo(sent.id());
        assertThat(received.type()).isEqualTo(entry.type());
        assertThat(received.source()).isEqualTo(sent.source());
        assertThat(received.subject()).isEqualTo(sample.subject());
        assertThat(received.time()).isEqualTo(sent.time());
        assertThat(received.data()).contains(sample);
        assertThat(received.toEnvelope()).isEqualTo(sent);
    }

    @ParameterizedTest
    @MethodSource("types")
    void encodedBodyConformsToItsSchema(EventCatalog.Entry entry) {
        assertThat(EventSchemas.errors(entry.type(), probe.body(EventSamples.of(entry)))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("types")
    void schemaIsADraft202012ObjectSchemaThatToleratesNewFields(EventCatalog.Entry entry) {
        JsonNode schema = EventSchemas.document(entry.type());

        assertThat(EventSchemas.metaSchemaErrors(schema)).isEmpty();
        assertThat(schema.path("$schema").asText()).isEqualTo(EventSchemas.DRAFT_2020_12);
        assertThat(schema.path("title").asText()).isEqualTo(entry.type());
        assertThat(schema.path("description").asText()).isNotBlank();
        assertThat(schema.path("type").asText()).isEqualTo("object");
        assertThat(schema.path("additionalProperties").isBoolean() && schema.path("additionalProperties").asBoolean())
                .as("additionalProperties: true").isTrue();
        schema.path("properties").properties().forEach(property ->
                assertThat(property.getValue().path("description").asText()).as(property.getKey()).isNotBlank());
    }

    @ParameterizedTest
    @MethodSource("types")
    void schemaDescribesExactlyTheFieldsTheRecordWrites(EventCatalog.Entry entry) {
        Set<String> components = new HashSet<>(Arrays.stream(entry.recordClass().getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName).toList());

        assertThat(ContractProbe.fieldNames(probe.body(EventSamples.of(entry)))).isEqualTo(components);
        assertThat(ContractProbe.fieldNames(EventSchemas.document(entry.type()).path("properties"))).isEqualTo(components);
    }

    @ParameterizedTest
    @MethodSource("types")
    void bodyMissingARequiredFieldFailsValidation(EventCatalog.Entry entry) {
        JsonNode required = EventSchemas.document(entry.type()).path("required");
        assertThat(required.isEmpty()).as("the schema requires something").isFalse();

        for (JsonNode field : required) {
            ObjectNode body = probe.body(EventSamples.of(entry));
            body.remove(field.asText());
            assertThat(EventSchemas.errors(entry.type(), body)).as("without " + field.asText()).isNotEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("types")
    void schemaRequiresExactlyWhatTheConstructorRequires(EventCatalog.Entry entry) {
        MooringEvent sample = EventSamples.of(entry);
        for (String field : ContractProbe.fieldNames(probe.body(sample))) {
            ObjectNode body = probe.body(sample);
            body.remove(field);

            boolean schemaAccepts = EventSchemas.errors(entry.type(), body).isEmpty();
            boolean recordAccepts = probe.decodes(entry, sample.subject(), body);

            assertThat(recordAccepts).as("the record accepts a body without " + field).isEqualTo(schemaAccepts);
        }
    }

    @ParameterizedTest
    @MethodSource("types")
    void nullIsAcceptedBySchemaAndRecordAlike(EventCatalog.Entry entry) {
        MooringEvent sample = EventSamples.of(entry);
        EventSchemas.document(entry.type()).path("properties").properties().forEach(property -> {
            if (property.getValue().has("default")) {
                return; // collections: producers write them, readers treat null or absent as the default
            }
            ObjectNode body = probe.body(sample);
            body.putNull(property.getKey());

            boolean schemaAccepts = EventSchemas.errors(entry.type(), body).isEmpty();
            assertThat(probe.decodes(entry, sample.subject(), body)).as("record accepts null " + property.getKey())
                    .isEqualTo(schemaAccepts);
        });
    }

    @ParameterizedTest
    @MethodSource("types")
    void blankTextIsRejectedBySchemaAndRecordAlike(EventCatalog.Entry entry) {
        MooringEvent sample = EventSamples.of(entry);
        EventSchemas.document(entry.type()).path("properties").properties().forEach(property -> {
            if (property.getValue().path("minLength").asInt(0) < 1) {
                return;
            }
            ObjectNode body = probe.body(sample);
            body.put(property.getKey(), "  ");

            assertThat(EventSchemas.errors(entry.type(), body)).as("schema, blank " + property.getKey()).isNotEmpty();
            assertThat(probe.decodes(entry, sample.subject(), body)).as("record, blank " + property.getKey()).isFalse();
        });
    }

    @ParameterizedTest
    @MethodSource("types")
    void fieldsAddedLaterAreToleratedBySchemaAndCodec(EventCatalog.Entry entry) {
        MooringEvent sample = EventSamples.of(entry);
        ObjectNode body = probe.body(sample);
        body.putObject("addedInALaterRelease").put("level", 3);

        assertThat(EventSchemas.errors(entry.type(), body)).isEmpty();
        assertThat(probe.decode(entry, sample.subject(), body).data()).contains(sample);
    }

    @Test
    void typeNamesFollowTheConventionAndMatchTheirTopicAndPackage() {
        for (EventCatalog.Entry entry : EventCatalog.entries()) {
            String area = entry.type().split("\\.")[1];
            assertThat(entry.type()).matches(TYPE_NAME);
            assertThat(Topics.ALL).contains(entry.topic());
            assertThat(entry.topic()).as(entry.type()).startsWith("mooring." + area);
            assertThat(entry.recordClass().getPackageName()).as(entry.type()).isEqualTo("io.mooring.events." + area);
            assertThat(entry.recordClass().isRecord()).as(entry.type()).isTrue();
        }
    }

    @Test
    void everySampleIsOfACataloguedType() {
        EventSamples.all().forEach(sample ->
                assertThatCode(() -> EventCatalog.entryOf(sample.getClass())).doesNotThrowAnyException());
    }

    @Test
    void everySchemaFileBelongsToACataloguedType() throws IOException {
        try (Stream<Path> files = Files.list(EventSchemas.SOURCE_DIRECTORY)) {
            List<String> types = files.map(file -> file.getFileName().toString().replaceFirst("\\.json$", "")).toList();
            assertThat(types).containsExactlyInAnyOrderElementsOf(EventCatalog.types());
        }
    }

    @Test
    void anEnvelopeOfAnUnregisteredRecordIsRefused() {
        record Unregistered(String id) implements MooringEvent {
            @Override
            public String subject() {
                return id;
            }
        }
        assertThatThrownBy(() -> EventEnvelope.of("provisioner", new Unregistered("x"), CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a registered event record");
    }
}
