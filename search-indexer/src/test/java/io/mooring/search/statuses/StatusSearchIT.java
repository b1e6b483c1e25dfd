package io.mooring.search.statuses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
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
import io.mooring.events.content.InteractionAdded;
import io.mooring.events.content.InteractionRemoved;
import io.mooring.events.content.StatusCreated;
import io.mooring.events.content.StatusDeleted;
import io.mooring.runtime.kafka.KafkaClients;
import io.mooring.runtime.kafka.TopicProvisioner;
import io.mooring.search.TestStack;
import io.mooring.testing.HostileInputSweep;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The status search over real Kafka and OpenSearch: who finds what. Bob posts with every visibility, Carol opted out
 * of search, Alice replied to, boosted and was mentioned; Mallory, a stranger, and callers naming no account must
 * never find anything but public posts of authors who opted in, whatever the query.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusSearchIT implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Sources of this run only: other IT classes write statuses to the same topic, which this class ignores. */
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String SOURCE = "soc-" + RUN + ".example";
    private static final String OTHER = "other-" + RUN + ".example";
    private static final OffsetDateTime START = OffsetDateTime.parse("2026-11-20T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Reader ALICE = new Reader(SOURCE, "1", "alice");
    private static final Reader BOB = new Reader(SOURCE, "2", "bob");
    private static final Reader CAROL = new Reader(SOURCE, "3", "carol");
    private static final Reader MALLORY = new Reader(SOURCE, "9", "mallory");
    private static final Reader DAVE = new Reader(SOURCE, "4", "dave");
    private static final Reader ERIN = new Reader(SOURCE, "5", "erin");

    @Inject
    EmbeddedServer server;
    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    KafkaClients kafka;
    @Inject
    TopicProvisioner topics;

    /** Status id by what it is. */
    private final Map<String, String> ids = new LinkedHashMap<>();

    record Reader(String source, String accountId, String handle) {
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(TestStack.properties(StatusSearchIT.class));
        // the search token acts for this run's instance only
        properties.put("mooring.search.front-ends.ialis.token", TestStack.SEARCH_TOKEN);
        properties.put("mooring.search.front-ends.ialis.sources", SOURCE);
        return properties;
    }

    @BeforeAll
    void post() throws Exception {
        topics.ensure(Set.of(Topics.CONTENT_STATUSES));
        List<MooringEvent> events = new ArrayList<>();
        events.add(status("public", BOB, "<p>zephyr public by bob &lt;b&gt; <a href=\"/tags/harbour\">#harbour</a></p>", "public",
                true, List.of(), List.of("Harbour"), null, null));
        events.add(status("unlisted", BOB, "zephyr unlisted by bob #harbour", "unlisted", true, List.of(), List.of("harbour"), null, null));
        events.add(status("private", BOB, "zephyr private by bob #harbour", "private", true, List.of(), List.of("harbour"), null, null));
        events.add(status("directToAlice", BOB, "zephyr direct to @alice", "direct", true, List.of("Alice"), List.of(), null, null));
        events.add(status("carolPublic", CAROL, "zephyr public by carol who opted out", "public", false, List.of(), List.of(), null, null));
        events.add(status("privateRepliedTo", BOB, "zephyr private that alice answered", "private", true, List.of(), List.of(), null, null));
        events.add(status("aliceReply", ALICE, "thanks for that", "direct", true, List.of("bob"), List.of(), id("privateRepliedTo"), null));
        events.add(status("aliceBoost", ALICE, "", "public", true, List.of(), List.of(), null, id("carolPublic")));
        events.add(status("aliceOwnDirect", ALICE, "zephyr notes to self", "direct", true, List.of(), List.of(), null, null));
        events.add(status("federatedToAlice", CAROL, "zephyr from afar to @alice", "direct", false, List.of("alice@" + SOURCE),
                List.of(), null, null));
        events.add(status("deleted", BOB, "zephyr public but deleted", "public", true, List.of(), List.of(), null, null));
        events.add(new StatusDeleted(id("deleted"), BOB.accountId(), SOURCE, 2L));
        events.add(new StatusCreated(id("otherInstance"), ALICE.accountId(), "bob", "zephyr private elsewhere for @alice", "en",
                "private", List.of("alice"), List.of(), START.plusMinutes(ids.size()), null, OTHER, 1L, true, null, null, null));
        events.add(status("running", BOB, "the servers are kayaking again", "public", true, List.of(), List.of(), null, null));
        // Erin opted in, posted, then opted out: her older post must disappear from others' results too
        events.add(status("erinBefore", ERIN, "zephyr from erin while opted in", "public", true, List.of(), List.of(), null, null));
        events.add(status("erinAfter", ERIN, "erin has opted out now", "public", false, List.of(), List.of(), null, null));
        // Dave favourites Bob's followers-only post and bookmarks his unlisted one; a favourite of the direct
        // message to Alice is taken back, the removal arriving first, and a favourite of Mallory's stays hers
        events.add(new InteractionAdded(id("private"), DAVE.accountId(), "favourite", SOURCE, 1L));
        events.add(new InteractionAdded(id("unlisted"), DAVE.accountId(), "bookmark", SOURCE, 1L));
        events.add(new InteractionRemoved(id("directToAlice"), DAVE.accountId(), "favourite", SOURCE, 2L));
        events.add(new InteractionAdded(id("directToAlice"), DAVE.accountId(), "favourite", SOURCE, 1L));
        events.add(new InteractionAdded(id("privateRepliedTo"), DAVE.accountId(), "favourite", OTHER, 1L));
        EventCodec codec = new EventCodec();
        try (KafkaProducer<String, byte[]> producer = kafka.producer("it")) {
            for (MooringEvent event : events) {
                producer.send(codec.toRecord(EventEnvelope.of("mastodon-bridge", event, Clock.systemUTC()))).get();
            }
        }
        await().atMost(WAIT).ignoreExceptions().until(() -> found(as(BOB, "zephyr")).size() == 5
                && found(as(BOB, "kayaking")).size() == 1 && found(as(ALICE, "zephyr")).size() == 6
                && found(as(DAVE, "zephyr")).size() == 3 && found(as(ERIN, "erin")).size() == 2
                // the authors index refreshes on its own: wait until Erin's opt-out is searchable too
                && found(as(MALLORY, "erin")).isEmpty());
    }

    @Test
    void callersNamingNoAccountFindOnlyPublicPostsOfAuthorsWhoOptedIn() {
        assertThat(found(read("zephyr"))).containsExactly(id("public"));
        assertThat(found(get("/v1/search/statuses?q=zephyr", TestStack.SEARCH_TOKEN))).containsExactly(id("public"));
    }

    @Test
    void anAccountFindsItsOwnMentionsRepliesAndBoostsButNoOtherPrivatePost() {
        assertThat(found(as(ALICE, "zephyr"))).containsExactlyInAnyOrder(id("public"), id("directToAlice"), id("carolPublic"),
                id("privateRepliedTo"), id("aliceOwnDirect"), id("federatedToAlice"));
        assertThat(found(as(BOB, "zephyr"))).containsExactlyInAnyOrder(id("public"), id("unlisted"), id("private"),
                id("directToAlice"), id("privateRepliedTo"));
        assertThat(found(as(CAROL, "zephyr"))).containsExactlyInAnyOrder(id("public"), id("carolPublic"), id("federatedToAlice"));
    }

    @Test
    void anAuthorWhoOptsOutDisappearsFromOthersResultsOldStatusesIncluded() {
        assertThat(found(as(ERIN, "zephyr"))).containsExactlyInAnyOrder(id("public"), id("erinBefore"));
        assertThat(found(as(MALLORY, "erin"))).isEmpty();
        assertThat(found(read("from:erin"))).isEmpty();
        assertThat(found(as(ALICE, "zephyr"))).doesNotContain(id("erinBefore"));
    }

    @Test
    void anAccountFindsWhatItFavouritedOrBookmarkedUntilItTakesItBack() {
        assertThat(found(as(DAVE, "zephyr"))).containsExactlyInAnyOrder(id("public"), id("private"), id("unlisted"));
        assertThat(found(as(MALLORY, "zephyr"))).as("interactions are the account's own").containsExactly(id("public"));
    }

    @Test
    void aStrangerNeverFindsAPrivateDirectUnlistedOptedOutOrDeletedPostByAnyQuery() {
        List<String> queries = List.of("zephyr", "\"zephyr private\"", "\"zephyr direct\"", "#harbour", "@alice", "from:bob",
                "from:carol", "from:bob zephyr", "after:2000-01-01", "before:2100-01-01 zephyr", "zephyr after:2026-11-20T08:00:00Z",
                "private", "direct", "unlisted", "deleted", "elsewhere", "kayaking", "carol", "opted", "answered", "notes", "self",
                "from:@bob #harbour zephyr", "@alice zephyr direct", "from:erin");
        for (String q : queries) {
            for (String order : List.of("relevance", "newest")) {
                for (String language : List.of("", "en")) {
                    String uri = "/v1/search/statuses?size=40&order=" + order + "&language=" + language + "&q=" + encode(q);
                    assertThat(found(get(uri, TestStack.READ_TOKEN))).as("anonymous " + uri).isSubsetOf(id("public"), id("running"));
                    assertThat(found(get(uri, TestStack.SEARCH_TOKEN, MALLORY))).as("mallory " + uri)
                            .isSubsetOf(id("public"), id("running"));
                }
            }
        }
        assertThat(found(as(MALLORY, "from:bob"))).containsExactlyInAnyOrder(id("public"), id("running"));
        assertThat(found(as(MALLORY, "from:alice"))).as("a boost is not found itself").isEmpty();
    }

    @Test
    void findsByHashtagMentionAuthorDatesAndPhrases() {
        assertThat(found(as(BOB, "#HARBOUR"))).containsExactlyInAnyOrder(id("public"), id("unlisted"), id("private"));
        assertThat(found(as(ALICE, "@alice"))).containsExactly(id("directToAlice"));
        assertThat(found(as(ALICE, "@alice@" + SOURCE))).containsExactly(id("federatedToAlice"));
        assertThat(found(as(ALICE, "from:carol"))).containsExactlyInAnyOrder(id("carolPublic"), id("federatedToAlice"));
        assertThat(found(as(ALICE, "from:me zephyr"))).containsExactly(id("aliceOwnDirect"));
        assertThat(found(as(BOB, "\"by bob\" zephyr"))).containsExactlyInAnyOrder(id("public"), id("unlisted"), id("private"));
        assertThat(found(as(BOB, "\"bob by\""))).isEmpty();
        String at = START.plusMinutes(2).toInstant().toString();
        assertThat(found(as(BOB, "zephyr before:" + at))).containsExactlyInAnyOrder(id("public"), id("unlisted"));
        assertThat(found(as(BOB, "zephyr after:" + at))).containsExactlyInAnyOrder(id("private"), id("directToAlice"),
                id("privateRepliedTo"));
        assertThat(found(as(BOB, "zephyr before:2026-11-20"))).isEmpty();
        assertThat(found(as(BOB, "zephyr after:2026-11-20 before:2026-11-21"))).hasSize(5);
    }

    @Test
    void stemsWordsInTheStatusLanguageAndFiltersByLanguage() {
        assertThat(found(read("kayaks"))).containsExactly(id("running"));
        assertThat(found(get("/v1/search/statuses?language=EN&q=kayaks", TestStack.READ_TOKEN))).containsExactly(id("running"));
        assertThat(found(get("/v1/search/statuses?language=de&q=kayaking", TestStack.READ_TOKEN))).isEmpty();
        assertThat(found(read("\"kayaks again\""))).as("phrases are not stemmed").isEmpty();
    }

    @Test
    void highlightsMatchesWithTheTextEscaped() {
        JsonNode item = read("zephyr").get("items").get(0);

        assertThat(item.get("highlights").get(0).asText()).isEqualTo("<mark>zephyr</mark> public by bob &lt;b&gt; #harbour");
        assertThat(item.get("text").asText()).isEqualTo("zephyr public by bob <b> #harbour");
        assertThat(item.get("tags")).hasSize(1);
        assertThat(item.has("content")).isFalse();
        assertThat(read("#harbour").get("items").get(0).get("highlights")).isEmpty();
    }

    @Test
    void pagesNewestFirstWithAnOpaqueCursor() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = get("/v1/search/statuses?order=newest&size=2&q=zephyr" + (cursor == null ? "" : "&cursor=" + cursor),
                    TestStack.SEARCH_TOKEN, ALICE);
            seen.addAll(found(page));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            // a status of another test that stops matching between two pages may leave one empty page at the end
            if (!found(page).isEmpty()) {
                pages++;
            }
        } while (cursor != null && pages < 10);

        assertThat(seen).containsExactly(id("federatedToAlice"), id("aliceOwnDirect"), id("privateRepliedTo"), id("carolPublic"), id("directToAlice"),
                id("public"));
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void pagesByRelevanceWithoutLosingOrRepeatingAStatus() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = get("/v1/search/statuses?size=1&q=zephyr" + (cursor == null ? "" : "&cursor=" + cursor),
                    TestStack.SEARCH_TOKEN, BOB);
            seen.addAll(found(page));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null && seen.size() < 10);

        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrder(id("public"), id("unlisted"), id("private"),
                id("directToAlice"), id("privateRepliedTo"));
    }

    @Test
    void answersBadQueriesWithAProblemNamingTheParameter() throws Exception {
        String cursor = get("/v1/search/statuses?size=1&q=zephyr", TestStack.SEARCH_TOKEN, BOB).get("nextCursor").asText();

        assertThat(problemField("/v1/search/statuses")).isEqualTo("q");
        assertThat(problemField("/v1/search/statuses?q=" + encode("zephyr before:yesterday"))).isEqualTo("q");
        assertThat(problemField("/v1/search/statuses?q=" + encode("after:2026-13-01"))).isEqualTo("q");
        assertThat(problemField("/v1/search/statuses?q=" + encode("after:2026-12-01 before:2026-11-01"))).isEqualTo("q");
        assertThat(problemField("/v1/search/statuses?q=" + encode("\"not closed"))).isEqualTo("q");
        assertThat(problemField("/v1/search/statuses?q=" + encode("#"))).isEqualTo("q");
        assertThat(problemField("/v1/search/statuses?q=" + encode("from:me"), TestStack.READ_TOKEN, null)).isEqualTo("q");
        assertThat(problemField("/v1/search/statuses?q=" + "a".repeat(501))).isEqualTo("q");
        assertThat(problemField("/v1/search/statuses?q=" + encode("a ".repeat(33)))).isEqualTo("q");
        assertThat(problemField("/v1/search/statuses?q=zephyr&order=oldest")).isEqualTo("order");
        assertThat(problemField("/v1/search/statuses?q=zephyr&size=41")).isEqualTo("size");
        assertThat(problemField("/v1/search/statuses?q=zephyr&size=1.5")).isEqualTo("size");
        assertThat(problemField("/v1/search/statuses?q=zephyr&language=" + encode("en; drop"))).isEqualTo("language");
        assertThat(problemField("/v1/search/statuses?q=zephyr&cursor=bm90LWEtY3Vyc29y")).isEqualTo("cursor");
        assertThat(problemField("/v1/search/statuses?q=zephyr&cursor=" + cursor.substring(1))).isEqualTo("cursor");
        assertThat(problemField("/v1/search/statuses?q=zephyr&cursor=" + cursor)).as("another reader's cursor").isEqualTo("cursor");
        assertThat(problemField("/v1/search/statuses?q=other&cursor=" + cursor, TestStack.SEARCH_TOKEN, BOB)).isEqualTo("cursor");
        assertThat(problemField("/v1/search/statuses?q=zephyr&order=newest&cursor=" + cursor, TestStack.SEARCH_TOKEN, BOB))
                .isEqualTo("cursor");
    }

    @Test
    void aTenKilobyteQueryIsRefusedWithAProblem() throws Exception {
        HttpClientResponseException e = failure(request("/v1/search/statuses?q=" + "a".repeat(10_240), TestStack.SEARCH_TOKEN, ALICE));

        assertThat(e.getStatus().getCode()).as(e.getResponse().getBody(String.class).orElse("")).isBetween(400, 499);
        assertThat(e.getResponse().getContentType()).map(Object::toString).contains("application/problem+json");
    }

    @Test
    void wordsThatSplitIntoManyTermsAreRunOrRefusedNeverAServerError() throws Exception {
        String words = ("a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z ").repeat(9);
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(request("/v1/search/statuses?q=" + encode(words), TestStack.SEARCH_TOKEN, ALICE),
                        String.class));
        if (e != null) {
            assertThat(e.getStatus().getCode()).isEqualTo(400);
            assertThat(problem(e).at("/errors/0/field").asText()).isEqualTo("q");
        }
    }

    @Test
    void onlyASearchTokenMayNameAnActingAccountAndItMustNameItWhole() throws Exception {
        assertThat(problemField("/v1/search/statuses?q=zephyr", TestStack.READ_TOKEN, ALICE)).isEqualTo("Mooring-Acting-Source");
        assertThat(problemField("/v1/search/statuses?q=zephyr", TestStack.OPERATOR_TOKEN, ALICE)).isEqualTo("Mooring-Acting-Source");
        HttpClientResponseException partial = failure(HttpRequest.GET("/v1/search/statuses?q=zephyr")
                .bearerAuth(TestStack.SEARCH_TOKEN).header("Mooring-Acting-Account", "1"));
        assertThat(partial.getStatus().getCode()).isEqualTo(400);
        assertThat(problem(partial).at("/errors/0/field").asText()).isEqualTo("Mooring-Acting-Source");
        HttpClientResponseException spaced = failure(HttpRequest.GET("/v1/search/statuses?q=zephyr")
                .bearerAuth(TestStack.SEARCH_TOKEN).header("Mooring-Acting-Source", SOURCE)
                .header("Mooring-Acting-Account", "1 2").header("Mooring-Acting-Handle", "alice"));
        assertThat(problem(spaced).at("/errors/0/field").asText()).isEqualTo("Mooring-Acting-Account");
    }

    @Test
    void aSearchTokenBoundToAnInstanceActsForNoAccountElsewhere() throws Exception {
        HttpClientResponseException e = failure(request("/v1/search/statuses?q=zephyr", TestStack.SEARCH_TOKEN,
                new Reader(OTHER, ALICE.accountId(), ALICE.handle())));

        assertThat(e.getStatus().getCode()).isEqualTo(403);
        assertThat(problem(e).at("/errors/0/field").asText()).isEqualTo("Mooring-Acting-Source");
    }

    @Test
    void aSearchTokenCallsNothingButTheSearch() throws Exception {
        HttpClientResponseException timeline = failure(HttpRequest.GET("/v1/events").bearerAuth(TestStack.SEARCH_TOKEN));
        HttpClientResponseException events = failure(HttpRequest.GET("/v1/search/events").bearerAuth(TestStack.SEARCH_TOKEN));

        assertThat(timeline.getStatus().getCode()).isEqualTo(403);
        assertThat(events.getStatus().getCode()).isEqualTo(403);
        assertThat(failure(HttpRequest.GET("/v1/search/statuses?q=zephyr")).getStatus().getCode()).isEqualTo(401);
    }

    @Test
    void hostileInputIsABadRequestProblemNeverAServerError() {
        HostileInputSweep.against(server.getURI(), TestStack.OPERATOR_TOKEN)
                .get("/v1/search/statuses", "q", "language", "order", "size", "cursor")
                .run();
    }

    private StatusCreated status(String name, Reader author, String content, String visibility, boolean indexable,
                                 List<String> mentions, List<String> tags, String inReplyTo, String reblogOf) {
        OffsetDateTime created = START.plusMinutes(ids.size());
        return new StatusCreated(id(name), author.accountId(), author.handle(), content, "en", visibility, mentions, tags, created,
                null, SOURCE, 1L, indexable, inReplyTo, null, reblogOf);
    }

    /** The status id of a named post, made up the first time it is asked for. */
    private String id(String name) {
        return ids.computeIfAbsent(name, n -> Long.toString(100_000 + ids.size()));
    }

    private JsonNode read(String q) {
        return get("/v1/search/statuses?q=" + encode(q), TestStack.READ_TOKEN);
    }

    private JsonNode as(Reader reader, String q) {
        return get("/v1/search/statuses?size=40&q=" + encode(q), TestStack.SEARCH_TOKEN, reader);
    }

    private JsonNode get(String uri, String token) {
        return get(uri, token, null);
    }

    private JsonNode get(String uri, String token, Reader reader) {
        try {
            return JSON.readTree(http.toBlocking().retrieve(request(uri, token, reader)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MutableHttpRequest<?> request(String uri, String token, Reader reader) {
        MutableHttpRequest<?> request = HttpRequest.GET(uri).bearerAuth(token);
        if (reader != null) {
            request.header("Mooring-Acting-Source", reader.source()).header("Mooring-Acting-Account", reader.accountId())
                    .header("Mooring-Acting-Handle", reader.handle());
        }
        return request;
    }

    /** The status ids of this run's statuses on a page, in order, with the other instance's status named by its full id. */
    private List<String> found(JsonNode page) {
        List<String> found = new ArrayList<>();
        for (JsonNode item : page.get("items")) {
            String source = item.get("source").asText();
            if (source.equals(SOURCE)) {
                found.add(item.get("statusId").asText());
            } else if (source.equals(OTHER)) {
                found.add(item.get("id").asText());
            }
        }
        return found;
    }

    private String problemField(String uri) throws Exception {
        return problemField(uri, TestStack.SEARCH_TOKEN, ALICE);
    }

    private String problemField(String uri, String token, Reader reader) throws Exception {
        HttpClientResponseException e = failure(request(uri, token, reader));
        assertThat(e.getStatus().getCode()).as(uri).isEqualTo(400);
        assertThat(e.getResponse().getContentType()).map(Object::toString).contains("application/problem+json");
        JsonNode problem = problem(e);
        assertThat(problem.get("type").asText()).isEqualTo("urn:mooring:problem:validation");
        return problem.at("/errors/0/field").asText();
    }

    private HttpClientResponseException failure(HttpRequest<?> request) {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(request, String.class));
        assertThat(e).as("an error answer to " + request.getPath()).isNotNull();
        return e;
    }

    private static JsonNode problem(HttpClientResponseException e) throws Exception {
        return JSON.readTree(e.getResponse().getBody(String.class).orElseThrow());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
