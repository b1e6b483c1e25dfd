package io.mooring.search.statuses;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.events.EventCodec;
import io.mooring.events.EventEnvelope;
import io.mooring.events.MooringEvent;
import io.mooring.events.Topics;
import io.mooring.events.content.AuthorUpdated;
import io.mooring.events.content.StatusCreated;
import io.mooring.events.content.StatusDeleted;
import io.mooring.events.content.StatusUpdated;
import io.mooring.runtime.kafka.KafkaClients;
import io.mooring.runtime.kafka.TopicProvisioner;
import io.mooring.search.TestStack;
import io.mooring.search.index.ManagedIndex;
import io.mooring.search.timeline.TimelineStore;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Status events on the real broker become status documents in the real OpenSearch, newest version winning. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusIndexingIT implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SOURCE = "soc.ialis.me";
    private static final OffsetDateTime CREATED = OffsetDateTime.parse("2026-11-30T18:30:05Z");

    @Inject
    KafkaClients kafka;
    @Inject
    TopicProvisioner topics;
    @Inject
    OpenSearchClient openSearch;
    @Inject
    @Named("statuses")
    ManagedIndex index;
    @Inject
    @Named("authors")
    ManagedIndex authors;
    @Inject
    TimelineStore timeline;

    private final EventCodec codec = new EventCodec();
    private final Map<String, String> properties = TestStack.properties(StatusIndexingIT.class);
    private KafkaProducer<String, byte[]> producer;

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @BeforeAll
    void createTopic() throws Exception {
        // a broker just started on a loaded machine may take longer than one attempt allows
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            topics.ensure(Set.of(Topics.CONTENT_STATUSES));
            return true;
        });
        producer = kafka.producer("it");
    }

    @AfterAll
    void closeProducer() {
        if (producer != null) {
            producer.close();
        }
    }

    @Test
    void indexesAStatusWithItsTextStrippedOfHtmlAndItsFields() throws Exception {
        String id = statusId();
        StatusCreated created = new StatusCreated(id, "1098", "Tech", "<p>Servers <b>running</b> again, thanks <span class=\"h-card\">"
                + "<a href=\"https://soc.ialis.me/@href\">@href</a></span> <a href=\"https://soc.ialis.me/tags/ops\">#ops</a></p>",
                "en-GB", "public", List.of("Href"), List.of("Ops"), CREATED, "https://soc.ialis.me/@tech/" + id,
                SOURCE, 1L, true, "1134", "1099", null);

        send(created);

        Map<String, Object> doc = awaitDocument(SOURCE + ":" + id);
        assertThat(doc.get("text")).isEqualTo("Servers running again, thanks @href #ops");
        assertThat(doc.get("text_english")).isEqualTo(doc.get("text"));
        assertThat(doc).containsEntry("id", SOURCE + ":" + id).containsEntry("source", SOURCE).containsEntry("statusId", id)
                .containsEntry("author", "tech").containsEntry("accountId", "1098").containsEntry("indexable", true)
                .containsEntry("visibility", "public").containsEntry("language", "en-GB").containsEntry("deleted", false)
                .containsEntry("tags", List.of("ops")).containsEntry("mentions", List.of("href"))
                .containsEntry("inReplyToId", "1134").containsEntry("inReplyToAccountId", "1099")
                .containsEntry("createdAt", "2026-11-30T18:30:05Z");
        // English stemming: "runs" finds "running"
        refresh();
        assertThat(openSearch.count(c -> c.index(index.alias()).query(q -> q.match(m -> m.field("text_english")
                .query(FieldValue.of("runs"))))).count()).isEqualTo(1);
        assertThat(timeline.find(UUID.randomUUID().toString())).isEmpty();
        assertThat(openSearch.count(c -> c.index(index.alias()).query(q -> q.term(t -> t.field("statusId")
                .value(FieldValue.of(id))))).count()).isEqualTo(1);
    }

    @Test
    void keepsTheNewestVersionWhateverOrderTheEventsArriveIn() throws Exception {
        String id = statusId();
        send(updated(id, "third edit", 3));
        send(created(id, "first words", 1));
        send(updated(id, "second edit", 2));
        String marker = statusId();
        send(created(marker, "marker", 1));

        awaitDocument(SOURCE + ":" + marker);
        Map<String, Object> doc = awaitDocument(SOURCE + ":" + id);
        assertThat(doc.get("text")).isEqualTo("third edit");
        assertThat(doc.get("version")).isEqualTo(3);
    }

    @Test
    void aDeleteLeavesATombstoneThatALateCreateDoesNotResurrect() throws Exception {
        String id = statusId();
        send(created(id, "soon gone", 1));
        awaitDocument(SOURCE + ":" + id);
        send(new StatusDeleted(id, "1098", SOURCE, 10L));
        send(created(id, "soon gone", 1));
        send(updated(id, "edited before the delete", 5));

        // the late events share the status's key, so they are read after the delete: the tombstone must outlast them
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertTombstone(id));
        await().during(Duration.ofSeconds(3)).atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertTombstone(id));
    }

    @SuppressWarnings("unchecked")
    private void assertTombstone(String id) throws Exception {
        Map<String, Object> doc = openSearch.get(g -> g.index(index.alias()).id(SOURCE + ":" + id), Map.class).source();
        assertThat(doc).containsEntry("deleted", true).containsEntry("version", 10).doesNotContainKeys("text", "content");
    }

    @Test
    void keepsStatusesOfTwoSourcesWithTheSameIdApart() throws Exception {
        String id = statusId();
        send(created(id, "from the first instance", 1));
        send(new StatusCreated(id, "1098", "tech", "from the second instance", null, "public", List.of(), List.of(),
                CREATED, null, "other.example", 1L, null, null, null, null));

        assertThat(awaitDocument(SOURCE + ":" + id).get("text")).isEqualTo("from the first instance");
        Map<String, Object> other = awaitDocument("other.example:" + id);
        assertThat(other.get("text")).isEqualTo("from the second instance");
        assertThat(other.get("indexable")).as("unknown means not opted in").isEqualTo(false);
    }

    @Test
    void anOlderAuthorUpdateArrivingAfterANewerOneChangesNothing() throws Exception {
        String account = statusId();
        String id = statusId();
        send(new StatusCreated(id, account, "ordered", "<p>opt-in order</p>", "en", "public", List.of(), List.of(), CREATED,
                null, SOURCE, 1L, true, null, null, null));
        await().atMost(WAIT).ignoreExceptions().until(() -> awaitDocument(SOURCE + ":" + id).get("indexable").equals(true));

        send(new AuthorUpdated(account, "ordered", false, SOURCE, 20L));
        await().atMost(WAIT).ignoreExceptions().until(() -> awaitDocument(SOURCE + ":" + id).get("indexable").equals(false));
        // a retry of an earlier opt-in, delivered after the opt-out: handled (its offset committed), and superseded
        RecordMetadata late = send(new AuthorUpdated(account, "ordered", true, SOURCE, 10L));
        await().atMost(WAIT).until(() -> committedStatuses(late) > late.offset());
        assertThat(awaitDocument(SOURCE + ":" + id)).containsEntry("indexable", false);
        assertThat(author(account)).containsEntry("indexable", false).containsEntry("authorVersion", 20);
        // a status written before the opt-out (its event older), indexed after it: the author's flag stays the opt-out,
        // which the search applies to all the author's statuses (seen opted in)
        String before = statusId();
        producer.send(codec.toRecord(EventEnvelope.of("mastodon-bridge", new StatusCreated(before, account, "ordered",
                "<p>written before</p>", "en", "public", List.of(), List.of(), CREATED, null, SOURCE, 2L, true, null, null, null),
                Clock.fixed(CREATED.toInstant(), java.time.ZoneOffset.UTC)))).get();
        awaitDocument(SOURCE + ":" + before);
        assertThat(author(account)).containsEntry("indexable", false).containsEntry("seenIndexable", true);

        // a newer update still applies
        send(new AuthorUpdated(account, "ordered", true, SOURCE, 30L));
        await().atMost(WAIT).ignoreExceptions().until(() -> awaitDocument(SOURCE + ":" + id).get("indexable").equals(true));
        assertThat(author(account)).containsEntry("indexable", true).containsEntry("seenIndexable", true)
                .containsEntry("authorVersion", 30);
    }

    @Test
    void anAuthorsStatusEventsOutOfOrderInOneBatchLeaveTheFlagOfTheNewest() throws Exception {
        String account = statusId();
        String never = statusId();
        Instant t = CREATED.toInstant();
        // (seconds after CREATED, indexable): the newest by time (50 s) says false, earlier ones said true
        long[][] events = {{30, 1}, {10, 0}, {50, 0}, {40, 1}, {20, 1}};
        // sent together to one partition, so the indexer reads them in one batch (one author update merged from all)
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        String last = null;
        for (long[] event : events) {
            last = statusId();
            sent.add(sendAt(t.plusSeconds(event[0]), new StatusCreated(last, account, "batched", "<p>batched</p>", "en",
                    "public", List.of(), List.of(), CREATED, null, SOURCE, 1L, event[1] == 1, null, null, null)));
            sent.add(sendAt(t.plusSeconds(event[0]), new StatusCreated(statusId(), never, "never", "<p>never</p>", "en",
                    "public", List.of(), List.of(), CREATED, null, SOURCE, 1L, false, null, null, null)));
        }
        producer.flush();
        for (Future<RecordMetadata> future : sent) {
            future.get();
        }

        awaitDocument(SOURCE + ":" + last);
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(author(account))
                .containsEntry("indexable", false).containsEntry("seenIndexable", true)
                .containsEntry("time", t.plusSeconds(50).toEpochMilli()));
        assertThat(author(never)).containsEntry("indexable", false).containsEntry("seenIndexable", false)
                .containsEntry("time", t.plusSeconds(50).toEpochMilli());
    }

    @Test
    void anOptOutReadInOneBatchWithTheAuthorsStatusesReachesThemAll() throws Exception {
        String account = statusId();
        Instant t = CREATED.toInstant();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(statusId());
            sent.add(sendAt(t.plusSeconds(i), new StatusCreated(statuses.getLast(), account, "quitting", "<p>soon gone</p>",
                    "en", "public", List.of(), List.of(), CREATED, null, SOURCE, 1L, true, null, null, null)));
        }
        // applied once the statuses before it in its batch are stored: none of them is left searchable
        sent.add(sendAt(t.plusSeconds(10), new AuthorUpdated(account, "quitting", false, SOURCE, t.plusSeconds(10).toEpochMilli())));
        producer.flush();
        RecordMetadata optOut = null;
        for (Future<RecordMetadata> future : sent) {
            optOut = future.get();
        }
        RecordMetadata last = optOut;
        await().atMost(WAIT).until(() -> committedStatuses(last) > last.offset());
        refresh();
        for (String id : statuses) {
            assertThat(awaitDocument(SOURCE + ":" + id)).as(id).containsEntry("indexable", false);
        }
        assertThat(author(account)).containsEntry("indexable", false).containsEntry("seenIndexable", true);
    }

    private Future<RecordMetadata> sendAt(Instant time, MooringEvent event) {
        var record = codec.toRecord(EventEnvelope.of("mastodon-bridge", event, Clock.fixed(time, ZoneOffset.UTC)));
        return producer.send(new ProducerRecord<>(record.topic(), 0, record.key(),
                record.value(), record.headers()));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> author(String account) throws Exception {
        return openSearch.get(g -> g.index(authors.alias()).id(SOURCE + ":" + account), Map.class).source();
    }

    /** The offset the statuses consumer committed on the partition of {@code record}, -1 before any. */
    private long committedStatuses(RecordMetadata record) throws Exception {
        String group = properties.get("micronaut.application.name") + ".statuses";
        try (Admin admin = kafka.admin()) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(record.topic(), record.partition()));
            return offset == null ? -1 : offset.offset();
        }
    }

    private static StatusCreated created(String id, String text, long version) {
        return new StatusCreated(id, "1098", "tech", "<p>" + text + "</p>", "en", "public", List.of(), List.of(), CREATED,
                null, SOURCE, version, true, null, null, null);
    }

    private static StatusUpdated updated(String id, String text, long version) {
        return new StatusUpdated(id, "1098", "tech", "<p>" + text + "</p>", "en", "public", List.of(), List.of(), CREATED,
                null, SOURCE, version, true, null, null, null);
    }

    private RecordMetadata send(MooringEvent event) throws Exception {
        return producer.send(codec.toRecord(EventEnvelope.of("mastodon-bridge", event, Clock.systemUTC()))).get();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> awaitDocument(String id) {
        return (Map<String, Object>) await().atMost(WAIT).ignoreExceptions().until(() -> openSearch.get(g -> g.index(index.alias()).id(id), Map.class)
                .source(), doc -> doc != null);
    }

    private void refresh() throws Exception {
        openSearch.indices().refresh(r -> r.index(index.alias()));
    }

    private static String statusId() {
        return Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()));
    }
}
