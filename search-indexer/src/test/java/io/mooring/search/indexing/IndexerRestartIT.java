package io.mooring.search.indexing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.mooring.events.EventCodec;
import io.mooring.events.EventEnvelope;
import io.mooring.events.Topics;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.runtime.kafka.KafkaClients;
import io.mooring.runtime.kafka.TopicProvisioner;
import io.mooring.search.TestStack;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An indexer stopped in the middle of a backlog and started again: every event indexed, each once. */
class IndexerRestartIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int EVENTS = 3_000;

    private final Map<String, Object> properties = new HashMap<>(TestStack.properties(IndexerRestartIT.class));
    private final EventCodec codec = new EventCodec();

    @Test
    void indexesEveryEventExactlyOnceAfterAStopInTheMiddleOfABatch() throws Exception {
        // small batches and requests, so that the stop falls between and inside them
        properties.put("mooring.search.indexing.batch-count", "50");
        properties.put("mooring.search.indexing.bulk-actions", "20");
        properties.put("mooring.search.indexing.linger", "10ms");
        String accountId = "acct-" + UUID.randomUUID();

        ApplicationContext first = ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext();
        first.getBean(TopicProvisioner.class).ensure(Set.of(Topics.PROVISIONING));
        try (KafkaProducer<String, byte[]> producer = first.getBean(KafkaClients.class).producer("it")) {
            for (int i = 0; i < EVENTS; i++) {
                producer.send(codec.toRecord(EventEnvelope.of("provisioner",
                        new AccountReady(accountId, "restart-" + i, "h-1", "small", null), Clock.systemUTC())));
            }
        }
        OpenSearchClient openSearch = first.getBean(OpenSearchClient.class);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> count(openSearch, accountId) >= 200);
        long beforeStop = count(openSearch, accountId);
        first.close();
        assertThat(beforeStop).as("stopped in the middle of the backlog").isLessThan(EVENTS);

        try (ApplicationContext second = ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext()) {
            OpenSearchClient client = second.getBean(OpenSearchClient.class);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(count(client, accountId)).isEqualTo(EVENTS));
            // and stays so: nothing arrives twice under another id
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(count(client, accountId)).isEqualTo(EVENTS));
        }
    }

    private String alias() {
        return properties.get("mooring.search.index-prefix") + "ops-events";
    }

    private long count(OpenSearchClient client, String accountId) throws Exception {
        if (!client.indices().exists(e -> e.index(alias())).value()) {
            return 0; // the indexer has not made its index yet
        }
        client.indices().refresh(r -> r.index(alias()));
        return client.count(c -> c.index(alias()).query(q -> q.term(t -> t.field("accountId").value(FieldValue.of(accountId)))))
                .count();
    }
}
