package io.mooring.search.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.events.EventCodec;
import io.mooring.events.EventEnvelope;
import io.mooring.events.MooringEvent;
import io.mooring.events.Topics;
import io.mooring.events.content.StatusCreated;
import io.mooring.events.content.StatusDeleted;
import io.mooring.events.content.StatusUpdated;
import io.mooring.runtime.kafka.KafkaClients;
import io.mooring.runtime.kafka.TopicProvisioner;
import io.mooring.search.TestStack;
import io.mooring.testing.HostileInputSweep;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.kafka.clients.producer.KafkaProducer;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * A reindex of the statuses over real Kafka and OpenSearch while statuses keep arriving: every status ends in the new
 * index once, behind the alias, with its external version, so that older events are still refused afterwards.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReindexIT implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** A source of this run only: other IT classes write statuses to the same topic, which the counts leave out. */
    private static final String SOURCE = "soc-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    private static final OffsetDateTime CREATED = OffsetDateTime.parse("2026-11-30T18:30:05Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmbeddedServer server;
    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    KafkaClients kafka;
    @Inject
    TopicProvisioner topics;
    @Inject
    OpenSearchClient openSearch;
    @Inject
    IndexBootstrap bootstrap;
    @Inject
    @Named("statuses")
    ManagedIndex index;
    @Inject
    @Named("search-operations")
    ManagedIndex operations;
    @Inject
    @Named("interactions")
    ManagedIndex interactions;

    private final EventCodec codec = new EventCodec();
    private KafkaProducer<String, byte[]> producer;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(TestStack.properties(ReindexIT.class));
        // slow enough (about 4 s a pass) to be seen running
        properties.put("mooring.search.reindex.batch-size", "50");
        properties.put("mooring.search.reindex.requests-per-second", "100");
        // a replica that stopped is noticed within seconds
        properties.put("mooring.search.reindex.lease", "2s");
        properties.put("mooring.search.reindex.recovery-interval", "500ms");
        return properties;
    }

    @BeforeAll
    void createTopic() throws Exception {
        topics.ensure(Set.of(Topics.CONTENT_STATUSES));
        producer = kafka.producer("it");
    }

    @AfterAll
    void closeProducer() {
        producer.close();
    }

    @Test
    void rebuildsTheIndexBehindItsAliasWhileStatusesKeepArriving() throws Exception {
        for (int i = 0; i < 300; i++) {
            send(created("before-" + i, "harbour status " + i, 1));
        }
        send(updated("edited", "fifth edit", 5));
        send(created("gone", "soon deleted", 1));
        send(new StatusDeleted("gone", "1098", SOURCE, 7L));
        await().atMost(WAIT).until(() -> count() == 302);
        String before = behind(index);

        HttpResponse<String> started = http.toBlocking().exchange(HttpRequest.POST("/v1/indices/statuses/reindex", "")
                .bearerAuth(TestStack.OPERATOR_TOKEN), String.class);
        for (int i = 0; i < 100; i++) {
            send(created("during-" + i, "harbour status during " + i, 1));
        }
        HttpClientResponseException again = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.POST("/v1/indices/statuses/reindex", "")
                        .bearerAuth(TestStack.OPERATOR_TOKEN), String.class));
        assertThat(again).as("a second reindex while the first runs").isNotNull();
        assertThat(again.getStatus().getCode()).isEqualTo(409);
        assertThat(JSON.readTree(again.getResponse().getBody(String.class).orElseThrow()).get("type").asText())
                .isEqualTo("urn:mooring:problem:reindex-running");

        assertThat(started.getStatus().getCode()).isEqualTo(202);
        JsonNode operation = JSON.readTree(started.body());
        assertThat(operation.get("phase").asText()).isEqualTo("copying");
        assertThat(operation.get("oldIndex").asText()).isEqualTo(before);
        assertThat(started.getHeaders().get("Location")).isEqualTo("/v1/operations/" + operation.get("id").asText());
        JsonNode running = get("/v1/operations/" + operation.get("id").asText());
        assertThat(running.get("finishedAt").isNull()).as(running.toString()).isTrue();
        JsonNode done = await().atMost(WAIT).until(() -> get("/v1/operations/" + operation.get("id").asText()),
                status -> !status.get("finishedAt").isNull());
        assertThat(done.get("phase").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.get("swappedAt").isNull()).isFalse();
        assertThat(done.get("copied").asLong()).isGreaterThanOrEqualTo(302);

        assertThat(behind(index)).isEqualTo(operation.get("newIndex").asText()).startsWith(index.name() + "-");
        @SuppressWarnings("unchecked")
        Map<String, Object> recorded = openSearch.get(g -> g.index(operations.alias()).id(operation.get("id").asText()), Map.class)
                .source();
        assertThat(recorded).as("recorded for every replica").containsEntry("phase", "succeeded")
                .containsEntry("newIndex", operation.get("newIndex").asText());
        assertThat(openSearch.indices().exists(e -> e.index(before)).value()).as("old index deleted").isFalse();
        await().atMost(WAIT).until(() -> count() == 402);

        // external versions came along: older events are still refused, the tombstone still holds
        send(updated("edited", "second edit", 2));
        send(created("gone", "soon deleted", 1));
        send(created("marker", "marker", 1));
        await().atMost(WAIT).until(() -> count() == 403);
        Map<String, Object> edited = document("edited");
        assertThat(edited).containsEntry("text", "fifth edit").containsEntry("version", 5);
        assertThat(document("gone")).containsEntry("deleted", true);
        assertThat(get("/v1/search/statuses?q=harbour+during&size=40").get("items")).hasSize(40);
    }

    @Test
    void aReindexAnotherReplicaRunsIsAConflict() throws Exception {
        await().atMost(WAIT).until(bootstrap::allReady);
        UUID other = UUID.randomUUID();
        // renewed an hour ahead: that replica looks alive for the whole test
        ReindexLease lease = ReindexLease.create(openSearch, operations.alias(), "interactions", other,
                Instant.now().plus(Duration.ofHours(1))).orElseThrow();
        try {
            HttpClientResponseException refused = catchThrowableOfType(HttpClientResponseException.class,
                    () -> http.toBlocking().exchange(HttpRequest.POST("/v1/indices/interactions/reindex", "")
                            .bearerAuth(TestStack.OPERATOR_TOKEN), String.class));
            assertThat(refused).isNotNull();
            assertThat(refused.getStatus().getCode()).isEqualTo(409);
            assertThat(refused.getResponse().getBody(String.class).orElseThrow()).contains(other.toString())
                    .contains("reindex-running");
        } finally {
            lease.release(openSearch, operations.alias());
        }
    }

    @Test
    void aReindexAbandonedBeforeItsSwapIsFailedAndItsNewIndexDeleted() throws Exception {
        await().atMost(WAIT).until(bootstrap::allReady);
        String old = behind(interactions);
        String fresh = interactions.name() + "-abandoned-" + System.nanoTime();
        bootstrap.create(interactions, fresh, false);
        UUID id = UUID.randomUUID();
        Instant started = Instant.now().minus(Duration.ofMinutes(5));
        record(new ReindexStatus(id, "interactions", "copying", old, fresh, 10, 4, 0, started, null, null, null));
        ReindexLease.create(openSearch, operations.alias(), "interactions", id, started).orElseThrow();

        JsonNode failed = await().atMost(WAIT).until(() -> get("/v1/operations/" + id), s -> !s.get("finishedAt").isNull());
        assertThat(failed.get("phase").asText()).isEqualTo("failed");
        assertThat(failed.get("error").asText()).contains("abandoned").contains(fresh + " was deleted");
        assertThat(openSearch.indices().exists(e -> e.index(fresh)).value()).as("its new index").isFalse();
        assertThat(behind(interactions)).isEqualTo(old);
        assertThat(ReindexLease.read(openSearch, operations.alias(), "interactions")).as("the lease, released").isEmpty();
    }

    @Test
    void aReindexAbandonedAfterItsSwapIsFinishedByAnotherReplica() throws Exception {
        // another source: the exact counts of the other tests leave these out
        String source = "abandoned-" + SOURCE;
        for (int i = 0; i < 20; i++) {
            send(new StatusCreated("abandoned-" + i, "1098", "tech", "<p>harbour abandoned " + i + "</p>", "en", "public",
                    List.of(), List.of(), CREATED, null, source, 1L, true, null, null, null));
        }
        await().atMost(WAIT).until(() -> total() >= 20 && document(source, "abandoned-19") != null);
        long before = total();
        String old = behind(index);
        String fresh = index.name() + "-abandoned-" + System.nanoTime();
        bootstrap.create(index, fresh, false);
        // the stopped replica had moved the alias; the old index still holds what the second pass was to copy
        openSearch.indices().updateAliases(u -> u
                .actions(a -> a.remove(r -> r.index(old).alias(index.alias()).mustExist(true)))
                .actions(a -> a.add(add -> add.index(fresh).alias(index.alias()).isWriteIndex(true))));
        UUID id = UUID.randomUUID();
        Instant started = Instant.now().minus(Duration.ofMinutes(5));
        record(new ReindexStatus(id, "statuses", "catching-up", old, fresh, before, before, 0, started,
                started.plusSeconds(60), null, null));
        ReindexLease.create(openSearch, operations.alias(), "statuses", id, Instant.EPOCH).orElseThrow();

        JsonNode done = await().atMost(WAIT).until(() -> get("/v1/operations/" + id), s -> !s.get("finishedAt").isNull());
        assertThat(done.get("phase").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(total()).as("every status copied by the second pass").isEqualTo(before);
        assertThat(document(source, "abandoned-7")).containsEntry("text", "harbour abandoned 7");
        assertThat(openSearch.indices().exists(e -> e.index(old)).value()).as("the old index, deleted").isFalse();
        assertThat(behind(index)).isEqualTo(fresh);
        assertThat(ReindexLease.read(openSearch, operations.alias(), "statuses")).as("the lease, released").isEmpty();
    }

    private void record(ReindexStatus status) throws Exception {
        openSearch.index(i -> i.index(operations.alias()).id(status.id().toString()).document(status.document(Instant.now())));
    }

    private String behind(ManagedIndex managed) throws Exception {
        return openSearch.indices().getAlias(a -> a.name(managed.alias())).result().keySet().iterator().next();
    }

    @Test
    void refusesUnknownIndicesReadTokensAndBadOperationIds() throws Exception {
        await().atMost(WAIT).until(bootstrap::allReady);
        assertThat(status(HttpRequest.POST("/v1/indices/unknown/reindex", "").bearerAuth(TestStack.OPERATOR_TOKEN))).isEqualTo(404);
        assertThat(status(HttpRequest.POST("/v1/indices/ops-events/reindex", "").bearerAuth(TestStack.OPERATOR_TOKEN))).isEqualTo(404);
        assertThat(status(HttpRequest.POST("/v1/indices/search-operations/reindex", "").bearerAuth(TestStack.OPERATOR_TOKEN)))
                .isEqualTo(404);
        assertThat(status(HttpRequest.POST("/v1/indices/statuses/reindex", "").bearerAuth(TestStack.READ_TOKEN))).isEqualTo(403);
        assertThat(status(HttpRequest.POST("/v1/indices/statuses/reindex", "").bearerAuth(TestStack.SEARCH_TOKEN))).isEqualTo(403);
        assertThat(status(HttpRequest.GET("/v1/operations/" + UUID.randomUUID()).bearerAuth(TestStack.READ_TOKEN))).isEqualTo(404);
        assertThat(status(HttpRequest.GET("/v1/operations/not-a-uuid").bearerAuth(TestStack.READ_TOKEN))).isEqualTo(400);
    }

    @Test
    void hostileInputIsABadRequestProblemNeverAServerError() {
        HostileInputSweep.against(server.getURI(), TestStack.OPERATOR_TOKEN)
                .send("POST", "/v1/indices/{name}/reindex", "{}")
                .get("/v1/operations/{id}")
                .run();
    }

    private int status(HttpRequest<?> request) {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(request, String.class));
        assertThat(e).as("an error answer to " + request.getPath()).isNotNull();
        assertThat(e.getResponse().getContentType()).map(Object::toString).contains("application/problem+json");
        return e.getStatus().getCode();
    }

    private JsonNode get(String uri) throws Exception {
        return JSON.readTree(http.toBlocking().retrieve(HttpRequest.GET(uri).bearerAuth(TestStack.OPERATOR_TOKEN)));
    }

    private long count() throws Exception {
        openSearch.indices().refresh(r -> r.index(index.alias()));
        return openSearch.count(c -> c.index(index.alias())
                .query(q -> q.term(t -> t.field("source").value(FieldValue.of(SOURCE))))).count();
    }

    private long total() throws Exception {
        openSearch.indices().refresh(r -> r.index(index.alias()));
        return openSearch.count(c -> c.index(index.alias())).count();
    }

    private Map<String, Object> document(String statusId) throws Exception {
        return document(SOURCE, statusId);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> document(String source, String statusId) throws Exception {
        return openSearch.get(g -> g.index(index.alias()).id(source + ":" + statusId), Map.class).source();
    }

    private static StatusCreated created(String id, String text, long version) {
        return new StatusCreated(id, "1098", "tech", "<p>" + text + "</p>", "en", "public", List.of(), List.of(), CREATED,
                null, SOURCE, version, true, null, null, null);
    }

    private static StatusUpdated updated(String id, String text, long version) {
        return new StatusUpdated(id, "1098", "tech", "<p>" + text + "</p>", "en", "public", List.of(), List.of(), CREATED,
                null, SOURCE, version, true, null, null, null);
    }

    private void send(MooringEvent event) throws Exception {
        producer.send(codec.toRecord(EventEnvelope.of("mastodon-bridge", event, Clock.systemUTC()))).get();
    }
}
