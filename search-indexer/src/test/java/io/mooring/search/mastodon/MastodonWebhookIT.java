package io.mooring.search.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.search.TestStack;
import io.mooring.stack.KafkaServer;
import io.mooring.stack.Servers;
import io.mooring.testing.ApiClient;
import io.mooring.testing.TopicReader;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Mastodon webhook deliveries, signed as Mastodon signs them, through real Kafka and OpenSearch to the
 * status search: every visibility ends up found by exactly whom the rules allow; bad signatures,
 * oversized and malformed bodies publish nothing.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MastodonWebhookIT implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    /** The source's name in the URL, and the instance its statuses name as their source. */
    private static final String NAME = "ialis";
    private static final String INSTANCE = "ialis-" + RUN + ".example";
    private static final String SECRET = "4f1c2e9a8b7d6e5f";
    private static final String WEBHOOK = "/webhooks/mastodon/" + NAME;
    private static final int LIMIT = 16_384;
    private static final Reader ALICE = new Reader("109382735491239001", "alice");
    private static final Reader BOB = new Reader("109382735491239002", "bob");
    private static final Reader CAROL = new Reader("109382735491239003", "carol");
    private static final Reader MALLORY = new Reader("109382735491239009", "mallory");
    private static final String PUBLIC = "113500000000000001";
    private static final String UNLISTED = "113500000000000002";
    private static final String PRIVATE = "113500000000000003";
    private static final String DIRECT = "113500000000000004";
    private static final String CAROL_PUBLIC = "113500000000000005";
    private static final String BOOST = "113500000000000006";
    private static final String ALICE_REPLY = "113500000000000007";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    MeterRegistry meters;
    @Inject
    EmbeddedServer server;
    @Value("${mooring.kafka.bootstrap}")
    String bootstrap;

    private ApiClient webhook;
    private TopicReader topic;

    record Reader(String accountId, String handle) {
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestStack.properties(MastodonWebhookIT.class));
        properties.put("mooring.search.mastodon.sources." + NAME + ".secret", SECRET);
        properties.put("mooring.search.mastodon.sources." + NAME + ".instance", INSTANCE);
        properties.put("mooring.search.mastodon.max-body-bytes", String.valueOf(LIMIT));
        properties.put("mooring.kafka.publish-timeout", "3s");
        return properties;
    }

    @BeforeAll
    void deliverEveryFixture() {
        webhook = new ApiClient(http, null);
        topic = new TopicReader(bootstrap, Topics.CONTENT_STATUSES);
        for (String fixture : List.of("status-public", "status-unlisted", "status-private", "status-direct", "status-edited",
                "status-not-indexable", "status-reblog", "status-reply-direct")) {
            ApiClient.Reply reply = deliver(Fixtures.bytes(fixture));
            assertThat(reply.status()).as(fixture + ": " + reply).isEqualTo(200);
            assertThat(reply.get("outcome")).isEqualTo("published");
        }
        await().atMost(WAIT).ignoreExceptions().until(() -> found(as(BOB, "zephyr")).size() == 4
                && found(as(ALICE, "zephyr")).size() == 4 && found(read("squall")).size() == 1);
    }

    @AfterAll
    void close() {
        topic.close();
    }

    @Test
    void everyoneFindsOnlyWhatTheVisibilityRulesAllow() {
        assertThat(found(read("zephyr"))).as("anonymous: public posts of authors who opted in").containsExactly(PUBLIC);
        assertThat(found(as(MALLORY, "zephyr"))).containsExactly(PUBLIC);
        assertThat(found(as(BOB, "zephyr"))).containsExactlyInAnyOrder(PUBLIC, UNLISTED, PRIVATE, DIRECT);
        assertThat(found(as(ALICE, "zephyr"))).as("mentioned, boosted, her own")
                .containsExactlyInAnyOrder(PUBLIC, DIRECT, CAROL_PUBLIC, ALICE_REPLY);
        assertThat(found(as(CAROL, "zephyr"))).containsExactlyInAnyOrder(PUBLIC, CAROL_PUBLIC);
        assertThat(found(as(MALLORY, "weather"))).as("a content warning is searchable, not past the opt-out").isEmpty();
        assertThat(found(as(CAROL, "weather"))).containsExactly(CAROL_PUBLIC);
        assertThat(found(as(ALICE, "from:alice"))).as("a boost is not found itself").containsExactly(ALICE_REPLY);
    }

    @Test
    void theEditWinsAndHashtagsMentionsAndTheAuthorAreSearchable() {
        assertThat(found(read("squall #sailing from:bob"))).containsExactly(PUBLIC);
        assertThat(found(as(ALICE, "@alice"))).containsExactly(DIRECT);
        // Mastodon delivers the creation again (a retry) after the edit: the edit stays
        assertThat(deliver(Fixtures.bytes("status-public")).status()).isEqualTo(200);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> found(read("squall")).equals(List.of(PUBLIC)));
        JsonNode item = read("squall").get("items").get(0);
        assertThat(item.get("id").asText()).isEqualTo(INSTANCE + ":" + PUBLIC);
        assertThat(item.get("url").asText()).isEqualTo("https://mastodon.example/@bob/" + PUBLIC);
    }

    @Test
    void aRetriedDeliveryPublishesTheSameEventsAndMakesNoSecondDocument() {
        byte[] body = Fixtures.bytes("status-unlisted");
        assertThat(deliver(body).status()).isEqualTo(200);
        assertThat(deliver(body).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> eventsAbout(UNLISTED).size() >= 3);
        assertThat(eventsAbout(UNLISTED).stream().map(ReceivedEvent::id).distinct()).hasSize(1);
        assertThat(found(as(BOB, "unlisted"))).containsExactly(UNLISTED);
    }

    @Test
    void badSignaturesPublishNothing() throws Exception {
        byte[] signed = withStatusId("status-public", "901");
        byte[] tampered = new String(signed, StandardCharsets.UTF_8).replace("kelp", "kelp!").getBytes(StandardCharsets.UTF_8);
        expectProblem(post(tampered, WebhookSignature.sign(SECRET, signed)), 401, "bad-signature", "X-Hub-Signature");
        byte[] wrongSecret = withStatusId("status-public", "902");
        expectProblem(post(wrongSecret, WebhookSignature.sign("not-the-secret", wrongSecret)), 401, "bad-signature", "X-Hub-Signature");
        byte[] unsigned = withStatusId("status-public", "903");
        expectProblem(post(unsigned, null), 401, "bad-signature", "X-Hub-Signature");
        byte[] malformed = withStatusId("status-public", "904");
        expectProblem(post(malformed, "sha256=" + "0".repeat(63)), 401, "bad-signature", "X-Hub-Signature");
        expectProblem(post(malformed, WebhookSignature.sign(SECRET, malformed).replace("sha256=", "sha1=")), 401,
                "bad-signature", "X-Hub-Signature");
        byte[] otherSource = withStatusId("status-public", "905");
        ApiClient.Reply unknown = webhook.send(HttpRequest.POST("/webhooks/mastodon/nobody", otherSource)
                .contentType(MediaType.APPLICATION_JSON).header(WebhookSignature.HEADER, WebhookSignature.sign(SECRET, otherSource)));
        expectProblem(unknown, 404, "not-found", null);
        // a marker delivered after them all: once it is on the topic, none of them can still arrive
        assertThat(deliver(withStatusId("status-public", "999")).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> !eventsAbout("999").isEmpty());
        for (String refused : List.of("901", "902", "903", "904", "905")) {
            assertThat(eventsAbout(refused)).as(refused).isEmpty();
        }
    }

    @Test
    void aBodyOverTheLimitIsRefusedUnread() throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(withStatusId("status-public", "906"));
        ((ObjectNode) body.get("object")).put("content", "<p>" + "zephyr ".repeat(LIMIT / 7) + "</p>");
        byte[] large = JSON.writeValueAsBytes(body);
        expectProblem(deliver(large), 413, "too-large", null);
        expectProblem(post(large, null), 413, "too-large", null);
        // without a Content-Length (chunked), the body is measured once read
        java.net.http.HttpResponse<String> chunked = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(server.getURI().resolve(WEBHOOK))
                        .header("Content-Type", "application/json")
                        .header(WebhookSignature.HEADER, WebhookSignature.sign(SECRET, large))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(large)))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
        assertThat(chunked.body()).contains("urn:mooring:problem:too-large");
        assertThat(deliver(withStatusId("status-public", "998")).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> !eventsAbout("998").isEmpty());
        assertThat(eventsAbout("906")).isEmpty();
    }

    @Test
    void aMalformedStatusIsA400NamingTheFieldAndPublishesNothing() throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(withStatusId("status-public", "907"));
        ((ObjectNode) body.get("object")).put("visibility", "everyone");
        expectProblem(deliver(JSON.writeValueAsBytes(body)), 400, "validation", "object.visibility");
        ((ObjectNode) body.get("object")).put("visibility", "public");
        ((ObjectNode) body.get("object").get("account")).remove("acct");
        expectProblem(deliver(JSON.writeValueAsBytes(body)), 400, "validation", "object.account.acct");
        expectProblem(deliver("{\"event\":\"status.created\",\"object\":".getBytes(StandardCharsets.UTF_8)), 400, "validation", "body");
        expectProblem(deliver(new byte[0]), 400, "validation", "body");
        assertThat(deliver(withStatusId("status-public", "997")).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> !eventsAbout("997").isEmpty());
        assertThat(eventsAbout("907")).isEmpty();
    }

    @Test
    void anAuthorsOptInReachesTheirStatusesAlreadyIndexed() throws Exception {
        String dave = "109382735491239004";
        byte[] status = withStatusId("status-public", "970");
        ObjectNode davePost = (ObjectNode) JSON.readTree(status);
        ((ObjectNode) davePost.get("object").get("account")).put("id", dave).put("acct", "dave").put("indexable", false);
        assertThat(deliver(JSON.writeValueAsBytes(davePost)).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> found(as(new Reader(dave, "dave"), "kelp")).contains("970"));
        assertThat(found(read("kelp"))).doesNotContain("970");
        ObjectNode update = (ObjectNode) JSON.readTree(Fixtures.bytes("account-updated"));
        ((ObjectNode) update.get("object").get("account")).put("id", dave).put("acct", "dave").put("indexable", true);
        ApiClient.Reply optIn = deliver(JSON.writeValueAsBytes(update));
        assertThat(optIn.status()).as(optIn.toString()).isEqualTo(200);
        await().atMost(WAIT).until(() -> found(read("kelp")).contains("970"));
        ((ObjectNode) update.get("object").get("account")).put("indexable", false);
        update.put("created_at", "2026-11-20T11:00:00.000Z");
        assertThat(deliver(JSON.writeValueAsBytes(update)).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> !found(read("kelp")).contains("970"));
        assertThat(found(as(new Reader(dave, "dave"), "kelp"))).as("the author still finds it").contains("970");
    }

    @Test
    void otherEventsAreAcknowledgedAndCounted() {
        double before = ignored("report.created");
        ApiClient.Reply report = deliver(Fixtures.bytes("report-created"));
        assertThat(report.status()).isEqualTo(202);
        assertThat(report.get("outcome")).isEqualTo("ignored");
        assertThat(ignored("report.created")).isEqualTo(before + 1);
        double other = ignored("other");
        assertThat(deliver("{\"event\":\"status.teleported\",\"object\":{}}".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(202);
        assertThat(ignored("other")).isEqualTo(other + 1);
    }

    @Test
    void anOperatorDeletesAStatusFromSearch() throws Exception {
        assertThat(deliver(withStatusId("status-public", "950")).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> found(read("kelp")).contains("950"));
        ApiClient operator = new ApiClient(http, TestStack.OPERATOR_TOKEN);
        String path = "/v1/statuses/" + INSTANCE + "/950";
        expectProblem(new ApiClient(http, TestStack.READ_TOKEN).delete(path), 403, "forbidden", null);
        expectProblem(webhook.delete(path), 401, "unauthorized", null);
        expectProblem(operator.delete("/v1/statuses/bad%20source/950?accountId=1"), 400, "validation", "source");
        expectProblem(operator.delete(path + "?accountId=not-" + BOB.accountId()), 400, "validation", "accountId");
        ApiClient.Reply unknown = operator.delete("/v1/statuses/elsewhere.example/950");
        expectProblem(unknown, 404, "not-found", null);
        assertThat(unknown.body()).contains("no status 950 from elsewhere.example is indexed");
        // the source's name (as in its webhook URL) stands for its instance; the author comes from the index
        ApiClient.Reply deleted = operator.delete("/v1/statuses/" + NAME + "/950");
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(202);
        assertThat(deleted.get("source")).isEqualTo(INSTANCE);
        assertThat(deleted.get("accountId")).isEqualTo(BOB.accountId());
        await().atMost(WAIT).until(() -> !found(read("kelp")).contains("950"));
        // Mastodon delivering the status again (a retry) does not bring it back
        assertThat(deliver(withStatusId("status-public", "950")).status()).isEqualTo(200);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> !found(as(BOB, "kelp")).contains("950"));
    }

    @Test
    void aStatusDeletedAheadOfItsArrivalNeverAppears() throws Exception {
        ApiClient operator = new ApiClient(http, TestStack.OPERATOR_TOKEN);
        ApiClient.Reply deleted = operator.delete("/v1/statuses/" + INSTANCE + "/951?accountId=" + BOB.accountId());
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(202);
        assertThat(deliver(withStatusId("status-public", "952")).status()).isEqualTo(200);
        assertThat(deliver(withStatusId("status-public", "951")).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> found(read("kelp")).contains("952"));
        await().during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> !found(as(BOB, "kelp")).contains("951"));
    }

    @Test
    void kafkaAwayIsA503AndMastodonsRetryLandsOnceItIsBack() throws Exception {
        KafkaServer kafka = Servers.kafka();
        byte[] body = withStatusId("status-public", "960");
        kafka.stop();
        try {
            ApiClient.Reply reply = deliver(body);
            expectProblem(reply, 503, "kafka-unavailable", null);
            assertThat(reply.header("Retry-After")).isEqualTo("30");
        } finally {
            kafka.start();
        }
        // Mastodon delivers again until it gets a 2xx
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> deliver(body).status() == 200);
        await().atMost(WAIT).until(() -> found(read("kelp")).contains("960"));
        assertThat(eventsAbout("960").stream().map(ReceivedEvent::id).distinct()).as("every copy is the same event").hasSize(1);
    }

    private double ignored(String event) {
        var counter = meters.find("mooring.search.mastodon.deliveries")
                .tags("source", NAME, "event", event, "outcome", "ignored").counter();
        return counter == null ? 0 : counter.count();
    }

    private List<ReceivedEvent> eventsAbout(String statusId) {
        List<ReceivedEvent> about = new ArrayList<>();
        for (var record : topic.records()) {
            if (!statusId.equals(record.key())) {
                continue;
            }
            ReceivedEvent event = new io.mooring.events.EventCodec().decode(record);
            if (new String(event.rawData(), StandardCharsets.UTF_8).contains("\"source\":\"" + INSTANCE + "\"")) {
                about.add(event);
            }
        }
        return about;
    }

    private static byte[] withStatusId(String fixture, String id) throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(Fixtures.bytes(fixture));
        // markers and refused deliveries have words of their own, so that the visibility tests never see them
        ((ObjectNode) body.get("object")).put("id", id).put("url", "https://mastodon.example/@bob/" + id)
                .put("content", "<p>kelp marker " + id + "</p>");
        return JSON.writeValueAsBytes(body);
    }

    private ApiClient.Reply deliver(byte[] body) {
        return post(body, WebhookSignature.sign(SECRET, body));
    }

    private ApiClient.Reply post(byte[] body, String signature) {
        MutableHttpRequest<byte[]> request = HttpRequest.POST(WEBHOOK, body).contentType(MediaType.APPLICATION_JSON);
        if (signature != null) {
            request.header(WebhookSignature.HEADER, signature);
        }
        return webhook.send(request);
    }

    private static void expectProblem(ApiClient.Reply reply, int status, String type, String field) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.problem()).isEqualTo(type);
        if (field != null) {
            assertThat(reply.tree().get("errors").findValuesAsText("field")).as(reply.toString()).contains(field);
        }
    }

    private JsonNode read(String q) {
        return search(q, null);
    }

    private JsonNode as(Reader reader, String q) {
        return search(q, reader);
    }

    private JsonNode search(String q, Reader reader) {
        String uri = "/v1/search/statuses?size=40&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
        MutableHttpRequest<?> request = HttpRequest.GET(uri);
        ApiClient client = new ApiClient(http, reader == null ? TestStack.READ_TOKEN : TestStack.SEARCH_TOKEN);
        if (reader != null) {
            request.header("Mooring-Acting-Source", INSTANCE).header("Mooring-Acting-Account", reader.accountId())
                    .header("Mooring-Acting-Handle", reader.handle());
        }
        ApiClient.Reply reply = client.send(request);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.tree();
    }

    private static List<String> found(JsonNode page) {
        List<String> found = new ArrayList<>();
        for (JsonNode item : page.get("items")) {
            if (item.get("source").asText().equals(INSTANCE)) {
                found.add(item.get("statusId").asText());
            }
        }
        return found;
    }
}
