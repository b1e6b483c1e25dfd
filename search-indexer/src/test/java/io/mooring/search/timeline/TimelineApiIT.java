package io.mooring.search.timeline;

import io.mooring.testing.HostileInputSweep;
import io.micronaut.runtime.server.EmbeddedServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.events.EventCodec;
import io.mooring.events.EventEnvelope;
import io.mooring.events.monitoring.IncidentOpened;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.events.provisioning.AccountResumed;
import io.mooring.events.provisioning.AccountSuspended;
import io.mooring.runtime.kafka.KafkaClients;
import io.mooring.runtime.kafka.TopicProvisioner;
import io.mooring.search.TestStack;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** The timeline API over real OpenSearch: paging, filters, bad input, auth, health and metrics. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimelineApiIT implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Within the retention, which skips events older than 400 days. */
    private static final Instant START = Instant.now().minus(java.time.Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    KafkaClients kafka;
    @Inject
    TopicProvisioner topics;

    private final String accountId = "acct-" + UUID.randomUUID();
    private List<EventEnvelope> history;
    /**
     * Another account's events over two UTC days, from two services: the last day of the previous month and the first
     * of this one, so in two monthly indices.
     */
    private final String busyAccount = "acct-" + UUID.randomUUID();
    private static final Instant DAY_TWO = java.time.LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant DAY_ONE = DAY_TWO.minus(Duration.ofDays(1));

    @Override
    public Map<String, String> getProperties() {
        return TestStack.properties(TimelineApiIT.class);
    }

    /** Three events of one account, a minute apart. */
    @BeforeAll
    void recordHistory() throws Exception {
        topics.ensure(PlatformEventHandler.TOPICS);
        history = List.of(
                EventEnvelope.of("provisioner", new AccountReady(accountId, "paged", "h-1", "small", null), at(0)),
                EventEnvelope.of("provisioner", new AccountSuspended(accountId, "unpaid"), at(1)),
                EventEnvelope.of("provisioner", new AccountResumed(accountId), at(2)));
        List<EventEnvelope> busy = List.of(
                EventEnvelope.of("provisioner", new AccountReady(busyAccount, "busy", "h-1", "small", null), at(DAY_ONE, 10)),
                EventEnvelope.of("monitor-service", new IncidentOpened("mon-1", "inc-1", "busy is down", "major", busyAccount), at(DAY_ONE, 11)),
                EventEnvelope.of("monitor-service", new IncidentOpened("mon-1", "inc-2", "busy is down again", "critical", busyAccount),
                        at(DAY_TWO, 9)),
                EventEnvelope.of("provisioner", new AccountSuspended(busyAccount, "unpaid"), at(DAY_TWO, 10)));
        EventCodec codec = new EventCodec();
        try (KafkaProducer<String, byte[]> producer = kafka.producer("it")) {
            for (EventEnvelope event : history) {
                producer.send(codec.toRecord(event)).get();
            }
            for (EventEnvelope event : busy) {
                producer.send(codec.toRecord(event)).get();
            }
        }
        await().atMost(WAIT).ignoreExceptions()
                .until(() -> search("/v1/events?subject=" + accountId).items().size() == history.size()
                        && search("/v1/events?account=" + busyAccount).items().size() == busy.size());
    }

    @Test
    void pagesNewestFirstWithACursor() {
        TimelinePage first = search("/v1/events?size=2&subject=" + accountId);
        assertThat(first.items()).extracting(TimelineItem::id).containsExactly(idOf(2), idOf(1));
        assertThat(first.nextCursor()).isNotBlank();

        TimelinePage second = search("/v1/events?size=2&subject=" + accountId + "&cursor=" + first.nextCursor());
        assertThat(second.items()).extracting(TimelineItem::id).containsExactly(idOf(0));
        assertThat(second.nextCursor()).isNull();
    }

    @Test
    void filtersByTypeAndTimeWindow() {
        assertThat(search("/v1/events?type=mooring.provisioning.account.suspended.v1&subject=" + accountId).items())
                .extracting(TimelineItem::summary).containsExactly("account " + accountId + " suspended: unpaid");
        assertThat(search("/v1/events?subject=" + accountId + "&from=" + START.plusSeconds(60)).items())
                .extracting(TimelineItem::id).containsExactly(idOf(2), idOf(1));
        assertThat(search("/v1/events?subject=" + accountId + "&to=" + START.plusSeconds(60)).items())
                .extracting(TimelineItem::id).containsExactly(idOf(0));
    }

    @Test
    void answersBadParametersWithAProblemNamingThem() throws Exception {
        assertThat(problemField("/v1/events?size=0")).isEqualTo("size");
        assertThat(problemField("/v1/events?size=many")).isEqualTo("size");
        assertThat(problemField("/v1/events?from=yesterday")).isEqualTo("from");
        assertThat(problemField("/v1/events?cursor=bm90LWEtY3Vyc29y")).isEqualTo("cursor");
        assertThat(problemField("/v1/events/not-an-id")).isEqualTo("id");
    }

    @Test
    void answersAnUnknownEventWithNotFound() throws Exception {
        HttpClientResponseException e = failure(HttpRequest.GET("/v1/events/" + UUID.randomUUID()).bearerAuth(TestStack.READ_TOKEN));

        assertThat(e.getStatus().getCode()).isEqualTo(404);
        assertThat(problem(e).get("type").asText()).isEqualTo("urn:mooring:problem:not-found");
    }

    @Test
    void wantsAToken() throws Exception {
        HttpClientResponseException none = failure(HttpRequest.GET("/v1/events"));
        HttpClientResponseException wrong = failure(HttpRequest.GET("/v1/events").bearerAuth("not-a-token"));

        assertThat(none.getStatus().getCode()).isEqualTo(401);
        assertThat(problem(none).get("type").asText()).isEqualTo("urn:mooring:problem:unauthorized");
        assertThat(wrong.getStatus().getCode()).isEqualTo(401);
    }

    @Test
    void reportsOpenSearchAndKafkaInItsHealth() {
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            JsonNode health = JSON.readTree(http.toBlocking().retrieve("/health"));
            assertThat(health.get("status").asText()).isEqualTo("UP");
            assertThat(health.at("/details/opensearch/status").asText()).isEqualTo("UP");
            assertThat(health.at("/details/opensearch/details/status").asText()).isIn("green", "yellow");
            assertThat(health.at("/details/kafka/status").asText()).isEqualTo("UP");
        });
    }

    @Test
    void exposesPrometheusMetrics() {
        HttpResponse<String> metrics = http.toBlocking().exchange(HttpRequest.GET("/prometheus"), String.class);

        assertThat(metrics.getStatus().getCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("mooring_events_applied_total");
    }

    private String idOf(int index) {
        return history.get(index).id().toString();
    }

    private static Clock at(Instant day, int hour) {
        return Clock.fixed(day.plus(Duration.ofHours(hour)), ZoneOffset.UTC);
    }

    private static Clock at(int minutes) {
        return Clock.fixed(START.plusSeconds(60L * minutes), ZoneOffset.UTC);
    }

    private TimelinePage search(String uri) {
        return http.toBlocking().retrieve(HttpRequest.GET(uri).bearerAuth(TestStack.READ_TOKEN), Argument.of(TimelinePage.class));
    }

    @Test
    void countsEveryMatchingEventPerTypePerDayOnEveryPage() throws Exception {
        JsonNode first = json("/v1/search/events?size=3&account=" + busyAccount);
        JsonNode second = json("/v1/search/events?size=3&account=" + busyAccount + "&cursor=" + first.get("nextCursor").asText());

        assertThat(first.get("items")).hasSize(3);
        assertThat(first.at("/items/0/type").asText()).isEqualTo("mooring.provisioning.account.suspended.v1");
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("nextCursor").isNull()).isTrue();
        String days = "[{\"day\":\"" + DAY_ONE.toString().substring(0, 10) + "\",\"total\":2,\"types\":["
                + "{\"type\":\"mooring.monitoring.incident.opened.v1\",\"count\":1},"
                + "{\"type\":\"mooring.provisioning.account.ready.v1\",\"count\":1}]},"
                + "{\"day\":\"" + DAY_TWO.toString().substring(0, 10) + "\",\"total\":2,\"types\":["
                + "{\"type\":\"mooring.monitoring.incident.opened.v1\",\"count\":1},"
                + "{\"type\":\"mooring.provisioning.account.suspended.v1\",\"count\":1}]}]";
        assertThat(first.get("days")).isEqualTo(JSON.readTree(days));
        assertThat(second.get("days")).isEqualTo(first.get("days"));
    }

    @Test
    void filtersTheTimelineSearchBySourceTypePrefixTextAndTime() throws Exception {
        JsonNode monitoring = json("/v1/search/events?source=monitor-service&account=" + busyAccount);
        assertThat(monitoring.get("items")).extracting(item -> item.get("subject").asText()).containsExactly("mon-1", "mon-1");
        assertThat(monitoring.get("days")).extracting(day -> day.get("total").asLong()).containsExactly(1L, 1L);

        assertThat(json("/v1/search/events?type=mooring.provisioning.*&account=" + busyAccount).get("items"))
                .extracting(item -> item.get("type").asText())
                .containsExactly("mooring.provisioning.account.suspended.v1", "mooring.provisioning.account.ready.v1");
        assertThat(json("/v1/search/events?q=again&account=" + busyAccount).get("items")).hasSize(1);
        JsonNode dayTwo = json("/v1/search/events?account=" + busyAccount + "&from=" + DAY_TWO);
        assertThat(dayTwo.get("items")).hasSize(2);
        assertThat(dayTwo.get("days")).hasSize(1);
        assertThat(json("/v1/search/events?source=/mooring/provisioner&account=" + busyAccount).get("items")).hasSize(2);
        JsonNode nothing = json("/v1/search/events?account=" + busyAccount + "&source=backup-service");
        assertThat(nothing.get("items")).isEmpty();
        assertThat(nothing.get("days")).isEmpty();
    }

    @Test
    void answersBadTimelineSearchParametersWithAProblemNamingThem() throws Exception {
        assertThat(problemField("/v1/search/events?type=mooring*")).isEqualTo("type");
        assertThat(problemField("/v1/search/events?type=*")).isEqualTo("type");
        assertThat(problemField("/v1/search/events?size=101")).isEqualTo("size");
        assertThat(problemField("/v1/search/events?from=2026-13-01T00:00:00Z")).isEqualTo("from");
        assertThat(problemField("/v1/search/events?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z")).isEqualTo("from");
        assertThat(problemField("/v1/search/events?cursor=v1")).isEqualTo("cursor");
        assertThat(problemField("/v1/search/events?q=" + "x".repeat(1_001))).isEqualTo("q");
        assertThat(problemField("/v1/search/events?source=" + "x".repeat(1_001))).isEqualTo("source");
    }

    private JsonNode json(String uri) throws Exception {
        return JSON.readTree(http.toBlocking().retrieve(HttpRequest.GET(uri).bearerAuth(TestStack.READ_TOKEN)));
    }

    private String problemField(String uri) throws Exception {
        HttpClientResponseException e = failure(HttpRequest.GET(uri).bearerAuth(TestStack.READ_TOKEN));
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

    @Test
    void hostileInputOnEveryEndpointIsABadRequestProblemNeverAServerError() {
        HostileInputSweep.against(server.getURI(), TestStack.OPERATOR_TOKEN)
                .get("/v1/events", "q", "type", "subject", "account", "source", "from", "to", "size", "cursor")
                .get("/v1/events/{id}")
                .get("/v1/search/events", "q", "type", "subject", "account", "source", "from", "to", "size", "cursor")
                .run();
    }
}
