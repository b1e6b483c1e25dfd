package io.mooring.search.indexing;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.events.EventCodec;
import io.mooring.events.EventEnvelope;
import io.mooring.events.Topics;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.runtime.consumer.DeadLetters;
import io.mooring.runtime.kafka.KafkaClients;
import io.mooring.runtime.kafka.TopicProvisioner;
import io.mooring.search.TestStack;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The indexing engine on the real broker and OpenSearch: batches, rejected documents, committed offsets; with the
 * batches of different partitions one at a time, and in parallel, the default ({@link BulkIndexingInParallelIT}).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkIndexingIT implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    KafkaClients kafka;
    @Inject
    TopicProvisioner topics;
    @Inject
    OpenSearchClient openSearch;
    @Inject
    IndexingSettings settings;
    @Inject
    io.mooring.search.index.IndexBootstrap bootstrap;

    private final EventCodec codec = new EventCodec();
    private final Map<String, String> properties = new HashMap<>(TestStack.properties(BulkIndexingIT.class));
    private KafkaProducer<String, byte[]> producer;
    /** One client for every offset check: making one per check is slow on a loaded machine. */
    private Admin admin;

    @Override
    public Map<String, String> getProperties() {
        properties.put("mooring.search.indexing.batch-count", "100");
        properties.put("mooring.search.indexing.bulk-actions", "30");
        // one batch at a time (BulkIndexingInParallelIT: partitions in parallel, the default)
        properties.put("mooring.search.indexing.partitions-in-parallel", "false");
        properties.put("mooring.search.indexing.linger", "50ms");
        return properties;
    }

    @BeforeAll
    void createTopics() throws Exception {
        topics.ensure(Set.of(Topics.PROVISIONING));
        producer = kafka.producer("it");
        admin = kafka.admin();
    }

    @AfterAll
    void closeClients() {
        producer.close();
        admin.close();
    }

    @Test
    void indexesABacklogInBatchesOnceEachAndCommitsEveryOffset() throws Exception {
        assertThat(settings.getBatchCount()).isEqualTo(100);
        String accountId = "acct-" + UUID.randomUUID();
        int events = 1_000;
        for (int i = 0; i < events; i++) {
            producer.send(codec.toRecord(EventEnvelope.of("provisioner",
                    new AccountReady(accountId, "batch-" + i, "h-" + i % 7, "small", null), Clock.systemUTC())));
        }
        producer.flush();

        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(count(accountId)).isEqualTo(events));
        await().atMost(WAIT).untilAsserted(() -> assertThat(committed()).isEqualTo(endOffsets()));
    }

    @Test
    void sendsADocumentOpenSearchRefusesToTheDeadLetterTopicAndIndexesTheRestOfItsBatch() throws Exception {
        String accountId = "acct-" + UUID.randomUUID();
        // a keyword longer than OpenSearch's 32766-byte term limit: refused for good
        String immense = "s".repeat(40_000);
        String refusedId = UUID.randomUUID().toString();
        List<String> fine = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            if (i == 10) {
                producer.send(codec.toRecord(Topics.PROVISIONING, CloudEventBuilder.v1()
                        .withId(refusedId)
                        .withType("mooring.provisioning.account.teleported.v1")
                        .withSource(URI.create("/mooring/provisioner"))
                        .withSubject(immense)
                        .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                        .withDataContentType("application/json")
                        .withData(("{\"accountId\":\"" + accountId + "\"}").getBytes(StandardCharsets.UTF_8))
                        .build()));
            }
            EventEnvelope event = EventEnvelope.of("provisioner",
                    new AccountReady(accountId, "dlq-" + i, "h-1", "small", null), Clock.systemUTC());
            producer.send(codec.toRecord(event));
            fine.add(event.id().toString());
        }
        producer.flush();

        await().atMost(WAIT).untilAsserted(() -> assertThat(count(accountId)).isEqualTo(fine.size()));
        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(refusedId);
        assertThat(header(dead, DeadLetters.ERROR_HEADER)).contains("OpenSearch refused").contains("400");
        assertThat(header(dead, Topics.DLQ_TOPIC_HEADER)).isEqualTo(Topics.PROVISIONING);
        assertThat(header(dead, Topics.DLQ_CONSUMER_HEADER)).endsWith(".timeline");
        await().atMost(WAIT).untilAsserted(() -> assertThat(committed()).isEqualTo(endOffsets()));
    }

    @Test
    void retriesItemsOpenSearchThrottlesUntilItTakesThemThenCommits() throws Exception {
        String accountId = "acct-" + UUID.randomUUID();
        String month = properties.get("mooring.search.index-prefix") + "ops-events-"
                + java.time.format.DateTimeFormatter.ofPattern("uuuu.MM").format(java.time.YearMonth.now(ZoneOffset.UTC));
        await().atMost(WAIT).until(bootstrap::allReady);
        // the block a full disk puts on an index: every write to it answers 429
        setReadOnlyAllowDelete(month, true);
        Map<TopicPartition, Long> before = committed();
        int events = 50;
        try {
            for (int i = 0; i < events; i++) {
                producer.send(codec.toRecord(EventEnvelope.of("provisioner",
                        new AccountReady(accountId, "throttled-" + i, "h-1", "small", null), Clock.systemUTC())));
            }
            producer.flush();
            Map<TopicPartition, Long> end = endOffsets();
            // for 3 s in a row nothing is stored, and no offset moves past the throttled events. Either, once seen,
            // stays so while the block holds, so the wait fails at the first sight of it, and a check slowed by a
            // loaded machine (a refresh, a count, an offset listing) may take longer than the window
            await().during(Duration.ofSeconds(3)).atMost(WAIT).pollInterval(Duration.ofMillis(250))
                    .failFast("a throttled event was stored, or its offset committed", () ->
                            count(accountId) > 0 || committed().equals(end))
                    .until(() -> true);
        } finally {
            setReadOnlyAllowDelete(month, false);
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(count(accountId)).isEqualTo(events));
        await().atMost(WAIT).untilAsserted(() -> assertThat(committed()).isEqualTo(endOffsets()));
        assertThat(committed()).isNotEqualTo(before);
    }

    private void setReadOnlyAllowDelete(String index, boolean blocked) throws Exception {
        // the block is lifted by setting it to null, which the typed request cannot say
        try (var response = openSearch.generic().execute(org.opensearch.client.opensearch.generic.Requests.builder()
                .method("PUT").endpoint("/" + index + "/_settings")
                .json("{\"index.blocks.read_only_allow_delete\": " + (blocked ? "true" : "null") + "}").build())) {
            assertThat(response.getStatus()).isEqualTo(200);
        }
    }

    private ConsumerRecord<String, byte[]> awaitDeadLetter(String eventId) {
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer("it-dlq-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(Topics.deadLetter(Topics.PROVISIONING)));
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (eventId.equals(header(record, "ce_id"))) {
                        found.add(record);
                    }
                }
                return !found.isEmpty();
            });
            return found.getFirst();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private long count(String accountId) throws Exception {
        String alias = properties.get("mooring.search.index-prefix") + "ops-events";
        openSearch.indices().refresh(r -> r.index(alias));
        return openSearch.count(c -> c.index(alias).query(q -> q.term(t -> t.field("accountId").value(FieldValue.of(accountId)))))
                .count();
    }

    private Map<TopicPartition, Long> committed() throws Exception {
        String group = properties.get("micronaut.application.name") + ".timeline";
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter(e -> e.getKey().topic().equals(Topics.PROVISIONING))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private Map<TopicPartition, Long> endOffsets() throws Exception {
        var partitions = admin.describeTopics(List.of(Topics.PROVISIONING)).allTopicNames().get()
                .get(Topics.PROVISIONING).partitions();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(p -> latest.put(new TopicPartition(Topics.PROVISIONING, p.partition()), OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .filter(e -> e.getValue().offset() > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
