package io.mooring.search.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.events.EventCodec;
import io.mooring.events.EventEnvelope;
import io.mooring.events.Topics;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.runtime.kafka.KafkaClients;
import io.mooring.runtime.kafka.TopicProvisioner;
import io.mooring.search.TcpGate;
import io.mooring.search.TestStack;
import io.mooring.stack.Servers;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * OpenSearch seen through a gate the test shuts and opens: the service starts without it, reports
 * itself not ready, and indexes every event once it is back; while it is away consumption pauses
 * (offsets stay put), then resumes by itself with every event of the outage indexed once.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenSearchOutageIT implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    KafkaClients kafka;
    @Inject
    TopicProvisioner topics;

    private final TcpGate gate;
    private final Map<String, String> properties;
    private final EventCodec codec = new EventCodec();

    OpenSearchOutageIT() {
        URI openSearch = URI.create(Servers.openSearch().url());
        gate = new TcpGate(openSearch.getHost(), openSearch.getPort());
        properties = new HashMap<>(TestStack.properties(OpenSearchOutageIT.class));
        properties.put("mooring.opensearch.url", "http://127.0.0.1:" + gate.port());
        properties.put("mooring.opensearch.connect-timeout", "500ms");
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @AfterAll
    void openAndClose() {
        gate.close();
    }

    @Test
    void startsWithoutOpenSearchAndIndexesEverythingOnceItIsBack() throws Exception {
        topics.ensure(Set.of(Topics.PROVISIONING));
        await().atMost(WAIT).untilAsserted(() -> assertThat(openSearchHealth()).isEqualTo("DOWN"));
        HttpClientResponseException unavailable = catchThrowableOfType(HttpClientResponseException.class,
                () -> search("/v1/events"));
        assertThat(unavailable.getStatus().getCode()).isEqualTo(503);
        assertThat(JSON.readTree(unavailable.getResponse().getBody(String.class).orElseThrow()).get("type").asText())
                .isEqualTo("urn:mooring:problem:store-unavailable");

        gate.open();
        await().atMost(WAIT).untilAsserted(() -> assertThat(openSearchHealth()).isEqualTo("UP"));
        String before = "before-" + UUID.randomUUID();
        produce(before);
        awaitFindable(before);

        gate.shut();
        String many = "many-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = kafka.producer("it")) {
            for (int i = 0; i < 100; i++) {
                producer.send(codec.toRecord(EventEnvelope.of("provisioner",
                        new AccountReady(many, "outage-" + i, "h-1", "small", null), Clock.systemUTC())));
            }
        }
        String during = "during-" + UUID.randomUUID();
        RecordMetadata written = produce(during);
        // the event fails while OpenSearch is away, and its offset is not committed past it
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> committed(new TopicPartition(written.topic(), written.partition())) <= written.offset());

        gate.open();
        awaitFindable(during);
        // every event of the outage, each once
        await().atMost(WAIT).ignoreExceptions()
                .until(() -> search("/v1/events?size=100&subject=" + many).get("items").size() == 100);
        await().atMost(WAIT).until(() -> committed(new TopicPartition(written.topic(), written.partition())) > written.offset());
    }

    private RecordMetadata produce(String accountId) throws Exception {
        try (KafkaProducer<String, byte[]> producer = kafka.producer("it")) {
            return producer.send(codec.toRecord(EventEnvelope.of("provisioner",
                    new AccountReady(accountId, "outage", "h-1", "small", null), Clock.systemUTC()))).get();
        }
    }

    private void awaitFindable(String accountId) {
        await().atMost(WAIT).ignoreExceptions()
                .until(() -> search("/v1/events?subject=" + accountId).get("items").size() == 1);
    }

    private long committed(TopicPartition partition) throws Exception {
        String group = properties.get("micronaut.application.name") + ".timeline";
        try (Admin admin = kafka.admin()) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(partition);
            return offset == null ? -1 : offset.offset();
        }
    }

    private String openSearchHealth() throws Exception {
        String body;
        try {
            body = http.toBlocking().retrieve("/health");
        } catch (HttpClientResponseException e) {
            body = e.getResponse().getBody(String.class).orElseThrow();
        }
        return JSON.readTree(body).at("/details/opensearch/status").asText();
    }

    private JsonNode search(String uri) throws Exception {
        return JSON.readTree(http.toBlocking().retrieve(HttpRequest.GET(uri).bearerAuth(TestStack.READ_TOKEN),
                Argument.of(String.class)));
    }
}
