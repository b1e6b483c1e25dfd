package io.mooring.events;

import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code asyncapi.yaml} describes exactly the topics, types and headers the code uses. */
class AsyncApiDocumentTest {

    private static final Path DOCUMENT = Path.of("asyncapi.yaml");
    private static final Pattern TYPE_NAME = Pattern.compile("^mooring(\\.[a-z][a-z0-9-]*){3}\\.v[0-9]+$");

    private static Map<String, Object> root;

    @BeforeAll
    static void parse() throws IOException {
        try (Reader reader = Files.newBufferedReader(DOCUMENT)) {
            root = new Yaml().load(reader);
        }
    }

    @Test
    void isAnAsyncApi3Document() {
        assertThat(root.get("asyncapi")).isEqualTo("3.0.0");
        assertThat(map(root, "info")).containsKeys("title", "version");
    }

    @Test
    void hasAChannelForEveryTopicAndItsDeadLetterTopic() {
        List<String> addresses = channels().values().stream().map(channel -> (String) channel.get("address")).toList();

        List<String> expected = new ArrayList<>(Topics.ALL);
        Topics.ALL.forEach(topic -> expected.add(Topics.deadLetter(topic)));
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(expected);
        channels().values().forEach(channel ->
                assertThat(map(map(channel, "bindings"), "kafka").get("topic")).isEqualTo(channel.get("address")));
    }

    @Test
    void declaresEveryCataloguedTypeOnItsTopic() {
        for (EventCatalog.Entry entry : EventCatalog.entries()) {
            Map<String, Object> message = messagesOf(entry.topic()).get(entry.type());
            assertThat(message).as(entry.type() + " on " + entry.topic()).isNotNull();
            assertThat(message.get("name")).isEqualTo(entry.type());
        }
    }

    @Test
    void namesNoTypeTheCodeDoesNotKnow() {
        for (String topic : Topics.ALL) {
            messagesOf(topic).forEach((id, message) -> {
                assertThat(id).isEqualTo(message.get("name"));
                assertThat(EventCatalog.entryOf(id)).as(id).isPresent();
                assertThat(EventCatalog.entryOf(id).orElseThrow().topic()).as(id).isEqualTo(topic);
            });
        }
        Set<String> mentioned = new HashSet<>();
        collectTypeNames(root, mentioned);
        assertThat(mentioned).isNotEmpty().isSubsetOf(EventCatalog.types());
    }

    @Test
    void describesEachMessageWithItsSchemaKeyAndHeaders() {
        for (EventCatalog.Entry entry : EventCatalog.entries()) {
            Map<String, Object> message = messagesOf(entry.topic()).get(entry.type());
            assertThat(message).as(entry.type()).isNotNull();
            String payload = (String) map(message, "payload").get("$ref");

            assertThat(payload).isEqualTo("./src/main/resources/schemas/" + entry.type() + ".json");
            assertThat(Path.of(payload)).isRegularFile();
            assertThat(message.get("contentType")).isEqualTo(EventCodec.CONTENT_TYPE);
            assertThat(map(map(map(message, "bindings"), "kafka"), "key")).containsEntry("type", "string");

            List<Map<String, Object>> headers = list(map(message, "headers"), "allOf");
            assertThat(headers.get(0)).containsEntry("$ref", "#/components/schemas/CloudEventHeaders");
            assertThat(map(map(headers.get(1), "properties"), "ce_type")).containsEntry("const", entry.type());
        }
    }

    @Test
    void cloudEventHeadersAreTheOnesTheCodecWrites() {
        EventCodec codec = new EventCodec();
        var record = codec.toRecord(EventEnvelope.of("provisioner",
                EventSamples.of(EventCatalog.entries().getFirst()), ContractProbe.CLOCK));
        List<String> written = Arrays.stream(record.headers().toArray()).map(Header::key).toList();

        Map<String, Object> headers = map(map(map(root, "components"), "schemas"), "CloudEventHeaders");
        assertThat(this.<String>list(headers, "required")).containsExactlyInAnyOrderElementsOf(written);
        assertThat(map(headers, "properties").keySet()).containsExactlyInAnyOrderElementsOf(written);
    }

    @Test
    void deadLetterHeadersAreTheOnesTheContractNames() {
        Map<String, Object> headers = map(map(map(root, "components"), "schemas"), "DeadLetterHeaders");

        assertThat(this.<String>list(headers, "required")).containsExactlyInAnyOrder(
                Topics.DLQ_ERROR_HEADER, Topics.DLQ_TOPIC_HEADER, Topics.DLQ_PARTITION_HEADER,
                Topics.DLQ_OFFSET_HEADER, Topics.DLQ_CONSUMER_HEADER);
        for (String topic : Topics.ALL) {
            assertThat(messagesOf(Topics.deadLetter(topic))).containsOnlyKeys("deadLetter");
        }
    }

    @Test
    void operationsMatchTheServicesTable() {
        Set<String> expected = new HashSet<>();
        Topology.PRODUCER.forEach((topic, service) -> expected.add(service + " send " + topic));
        Topology.CONSUMERS.forEach((topic, services) -> services.forEach(service -> {
            expected.add(service + " receive " + topic);
            expected.add(service + " send " + Topics.deadLetter(topic));
        }));

        Set<String> declared = new HashSet<>();
        map(root, "operations").forEach((id, value) -> {
            Map<String, Object> operation = asMap(value);
            List<Map<String, Object>> tags = list(operation, "tags");
            assertThat(tags).as(id).hasSize(1);
            String service = (String) tags.getFirst().get("name");
            assertThat(Topology.SERVICES).contains(service);
            String channelRef = (String) map(operation, "channel").get("$ref");
            declared.add(service + " " + operation.get("action") + " " + resolve(channelRef).get("address"));
        });
        assertThat(declared).isEqualTo(expected);
    }

    @Test
    void operationsHandleEveryMessageOfTheirChannel() {
        map(root, "operations").forEach((id, value) -> {
            Map<String, Object> operation = asMap(value);
            String channelRef = (String) map(operation, "channel").get("$ref");
            List<String> refs = this.<Map<String, Object>>list(operation, "messages").stream()
                    .map(message -> (String) message.get("$ref"))
                    .toList();

            assertThat(refs).as(id).containsExactlyInAnyOrderElementsOf(map(resolve(channelRef), "messages").keySet()
                    .stream().map(message -> channelRef + "/messages/" + message).toList());
            refs.forEach(ref -> assertThat(resolve(ref)).as(ref).isNotNull());
        });
    }

    private Map<String, Map<String, Object>> channels() {
        Map<String, Map<String, Object>> channels = new LinkedHashMap<>();
        map(root, "channels").forEach((id, channel) -> channels.put(id, asMap(channel)));
        return channels;
    }

    /** The messages of the channel with this address, by message id, with references resolved. */
    private Map<String, Map<String, Object>> messagesOf(String address) {
        Map<String, Object> channel = channels().values().stream()
                .filter(candidate -> address.equals(candidate.get("address")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no channel for " + address));
        Map<String, Map<String, Object>> messages = new LinkedHashMap<>();
        map(channel, "messages").forEach((id, message) -> {
            Map<String, Object> resolved = asMap(message);
            messages.put(id, resolved.containsKey("$ref") ? resolve((String) resolved.get("$ref")) : resolved);
        });
        return messages;
    }

    /** Follows a local reference such as {@code #/components/messages/x}. */
    private static Map<String, Object> resolve(String ref) {
        assertThat(ref).startsWith("#/");
        Map<String, Object> node = root;
        for (String part : ref.substring(2).split("/")) {
            node = map(node, part.replace("~1", "/").replace("~0", "~"));
        }
        return node;
    }

    private static void collectTypeNames(Object node, Set<String> into) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                collectTypeNames(key, into);
                collectTypeNames(value, into);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectTypeNames(item, into));
        } else if (node instanceof String text) {
            for (String word : text.split("[\\s'/#,;()]+")) {
                String candidate = word.replaceFirst("\\.json$", "").replaceFirst("\\.$", "");
                if (TYPE_NAME.matcher(candidate).matches()) {
                    into.add(candidate);
                }
            }
        }
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(Map.class);
        return asMap(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(List.class);
        return (List<T>) value;
    }
}
