package io.mooring.search.timeline;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.events.EventCodec;
import io.mooring.events.EventEnvelope;
import io.mooring.events.Topics;
import io.mooring.events.backups.BackupPolicyCreated;
import io.mooring.events.backups.BackupPolicyDeleted;
import io.mooring.events.backups.BackupTarget;
import io.mooring.events.monitoring.MonitorCreated;
import io.mooring.events.monitoring.MonitorDeleted;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.events.provisioning.AccountRequested;
import io.mooring.events.provisioning.AccountSuspended;
import io.mooring.runtime.consumer.DeadLetters;
import io.mooring.runtime.kafka.KafkaClients;
import io.mooring.runtime.kafka.TopicProvisioner;
import io.mooring.search.TestStack;
import io.mooring.search.index.IndexBootstrap;
import io.mooring.search.index.TimeSeriesIndex;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import io.mooring.events.MooringEvent;
import io.mooring.testing.ContractSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opensearch.client.opensearch.OpenSearchClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Events produced to the real broker end up in the real OpenSearch, once each, whatever their type. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimelineIndexingIT implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    KafkaClients kafka;
    @Inject
    TimelineStore store;
    @Inject
    TopicProvisioner topics;
    @Inject
    OpenSearchClient openSearch;
    @Inject
    @Named("ops-events")
    TimeSeriesIndex index;
    @Inject
    TimelineRetention retention;
    @Inject
    IndexBootstrap bootstrap;

    private final EventCodec codec = new EventCodec();
    private KafkaProducer<String, byte[]> producer;

    @Override
    public Map<String, String> getProperties() {
        return TestStack.properties(TimelineIndexingIT.class);
    }

    @BeforeAll
    void createTopics() throws Exception {
        // the producing services create their topics; here the test stands in for them
        topics.ensure(PlatformEventHandler.TOPICS);
        producer = kafka.producer("it");
    }

    @AfterAll
    void closeProducer() {
        producer.close();
    }

    @Test
    void makesAnAccountReadyEventFindableByNameAndBySubject() throws Exception {
        String name = "acme" + suffix();
        String accountId = "acct-" + UUID.randomUUID();
        EventEnvelope event = EventEnvelope.of("provisioner", new AccountReady(accountId, name, "h-1", "small", null),
                Clock.systemUTC());

        producer.send(codec.toRecord(event)).get();

        TimelinePage byName = awaitItems("/v1/events?q=" + name, 1);
        TimelineItem item = byName.items().getFirst();
        assertThat(item.id()).isEqualTo(event.id().toString());
        assertThat(item.type()).isEqualTo("mooring.provisioning.account.ready.v1");
        assertThat(item.source()).isEqualTo("/mooring/provisioner");
        assertThat(item.subject()).isEqualTo(accountId);
        assertThat(item.topic()).isEqualTo(Topics.PROVISIONING);
        assertThat(item.time()).isEqualTo(event.time().toInstant());
        assertThat(item.summary()).isEqualTo("account " + name + " ready on host h-1");
        assertThat(item.data()).containsEntry("name", name).containsEntry("plan", "small");

        assertThat(search("/v1/events?subject=" + accountId).items()).extracting(TimelineItem::id)
                .containsExactly(event.id().toString());
        assertThat(http.toBlocking().retrieve(get("/v1/events/" + event.id()), TimelineItem.class)).isEqualTo(item);
    }

    @Test
    void indexesEveryEventTheContractAllows() throws Exception {
        List<EventEnvelope> sent = new ArrayList<>();
        for (MooringEvent sample : ContractSamples.all()) {
            EventEnvelope event = EventEnvelope.of("contract-samples", sample, Clock.systemUTC());
            if (PlatformEventHandler.TOPICS.contains(event.topic())) {
                producer.send(codec.toRecord(event));
                sent.add(event);
            }
        }
        producer.flush();
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> assertThat(sent)
                .allSatisfy(e -> assertThat(store.find(e.id().toString())).as(e.type()).isPresent()));
    }

    @Test
    void writesEachEventInTheIndexOfItsMonthBehindTheAliasAndDeletesMonthsPastTheRetention() throws Exception {
        String accountId = "acct-" + UUID.randomUUID();
        Instant now = Instant.now();
        EventEnvelope tooOld = EventEnvelope.of("provisioner", new AccountReady(accountId, "old" + suffix(), "h-1", "small", null),
                Clock.fixed(now.minus(Duration.ofDays(500)), ZoneOffset.UTC));
        EventEnvelope lastMonth = EventEnvelope.of("provisioner", new AccountReady(accountId, "recent" + suffix(), "h-1", "small", null),
                Clock.fixed(now.minus(Duration.ofDays(40)), ZoneOffset.UTC));
        String expired = index.indexFor(YearMonth.now(ZoneOffset.UTC).minusMonths(20));
        String notMonthly = index.alias() + "-v1";
        bootstrap.createMonth(expired);
        openSearch.indices().create(c -> c.index(notMonthly).aliases(index.alias(), a -> a));

        producer.send(codec.toRecord(tooOld)).get();
        producer.send(codec.toRecord(lastMonth)).get();

        await().atMost(WAIT).ignoreExceptions().until(() -> store.find(lastMonth.id().toString()).isPresent());
        assertThat(openSearch.get(g -> g.index(index.indexFor(lastMonth.time().toInstant())).id(lastMonth.id().toString()), Map.class)
                .found()).isTrue();
        assertThat(store.find(tooOld.id().toString())).as("older than the retention: not indexed").isEmpty();
        assertThat(openSearch.indices().getAlias(a -> a.name(index.alias())).result().keySet())
                .contains(index.indexFor(lastMonth.time().toInstant()), index.indexFor(now), expired, notMonthly);
        assertThat(openSearch.indices().getIndexTemplate(t -> t.name(index.alias())).indexTemplates()).hasSize(1);

        assertThat(retention.deleteExpired()).containsExactly(expired);
        assertThat(openSearch.indices().getAlias(a -> a.name(index.alias())).result().keySet())
                .contains(index.indexFor(lastMonth.time().toInstant()), index.indexFor(now), notMonthly)
                .doesNotContain(expired);
        assertThat(openSearch.indices().exists(e -> e.index(expired)).value()).isFalse();
    }

    @Test
    void keepsOneDocumentForAnEventDeliveredTwice() throws Exception {
        String accountId = "acct-" + UUID.randomUUID();
        EventEnvelope event = EventEnvelope.of("provisioner",
                new AccountReady(accountId, "twice" + suffix(), "h-2", "small", null), Clock.systemUTC());
        ProducerRecord<String, byte[]> record = codec.toRecord(event);

        producer.send(record).get();
        producer.send(record).get();

        // version 2: the second delivery was written too, over the first
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(storedVersion(event)).isEqualTo(2L));
        TimelinePage page = awaitItems("/v1/events?subject=" + accountId, 1);
        assertThat(page.items()).extracting(TimelineItem::id).containsExactly(event.id().toString());
    }

    @Test
    void indexesAnEventOfAnUnknownTypeWithItsBody() throws Exception {
        String planet = "mars" + suffix();
        String accountId = "acct-" + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        var event = CloudEventBuilder.v1()
                .withId(id)
                .withType("mooring.provisioning.account.teleported.v1")
                .withSource(URI.create("/mooring/provisioner"))
                .withSubject(accountId)
                .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(("{\"accountId\":\"" + accountId + "\",\"planet\":\"" + planet + "\"}").getBytes(StandardCharsets.UTF_8))
                .build();

        producer.send(codec.toRecord(Topics.PROVISIONING, event)).get();

        TimelineItem item = awaitItems("/v1/events?q=" + planet, 1).items().getFirst();
        assertThat(item.id()).isEqualTo(id);
        assertThat(item.type()).isEqualTo("mooring.provisioning.account.teleported.v1");
        assertThat(item.topic()).isEqualTo(Topics.PROVISIONING);
        assertThat(item.summary()).isEqualTo("account teleported (" + accountId + ")");
        assertThat(item.data()).isEqualTo(Map.of("accountId", accountId, "planet", planet));
        assertThat(search("/v1/events?type=mooring.provisioning.account.teleported.v1&subject=" + accountId).items())
                .extracting(TimelineItem::id).containsExactly(id);
    }

    @Test
    void keepsTheOwnersEmailOutOfTheTimeline() throws Exception {
        String accountId = "acct-" + UUID.randomUUID();
        String email = "owner-" + suffix() + "@acme.example";
        EventEnvelope requested = EventEnvelope.of("provisioner",
                new AccountRequested(accountId, "private" + suffix(), "small", email), Clock.systemUTC());
        EventEnvelope ready = EventEnvelope.of("provisioner",
                new AccountReady(accountId, "private" + suffix(), "h-4", "small", email), Clock.systemUTC());
        EventEnvelope suspended = EventEnvelope.of("provisioner",
                new AccountSuspended(accountId, "complaint forwarded by " + email), Clock.systemUTC());

        producer.send(codec.toRecord(requested)).get();
        producer.send(codec.toRecord(ready)).get();
        producer.send(codec.toRecord(suspended)).get();

        TimelinePage story = awaitItems("/v1/events?subject=" + accountId, 3);
        assertThat(hits("/v1/events?q=" + email)).as("a search for the e-mail").isEmpty();
        assertThat(hits("/v1/events?q=%22" + email.substring(0, email.indexOf('@')) + "%22")).isEmpty();
        assertThat(hits("/v1/events?q=acme.example")).as("nor for its domain").isEmpty();
        for (TimelineItem item : story.items()) {
            assertThat(item.summary()).doesNotContain(email);
            assertThat(item.data()).doesNotContainKey("ownerEmail");
            Map<?, ?> stored = openSearch.get(g -> g.index(index.indexFor(item.time())).id(item.id()), Map.class).source();
            assertThat(String.valueOf(stored)).as("the stored document").doesNotContain(email);
        }
    }

    @Test
    void findsTheWholeStoryOfAnAccountWithItsPoliciesAndMonitors() throws Exception {
        String accountId = UUID.randomUUID().toString();
        String policyId = UUID.randomUUID().toString();
        String monitorId = UUID.randomUUID().toString();
        List<EventEnvelope> story = List.of(
                EventEnvelope.of("provisioner", new AccountReady(accountId, "story" + suffix(), "h-5", "small", null), Clock.systemUTC()),
                EventEnvelope.of("backup-service", new BackupPolicyCreated(policyId, accountId, new BackupTarget("account", "all"),
                        "0 3 * * *", 7), Clock.systemUTC()),
                EventEnvelope.of("backup-service", new BackupPolicyDeleted(policyId, accountId), Clock.systemUTC()),
                EventEnvelope.of("monitor-service", new MonitorCreated(monitorId, accountId, "web", "http", "https://story.example.org/"),
                        Clock.systemUTC()),
                EventEnvelope.of("monitor-service", new MonitorDeleted(monitorId, accountId), Clock.systemUTC()));
        EventEnvelope otherAccount = EventEnvelope.of("monitor-service",
                new MonitorDeleted(UUID.randomUUID().toString(), UUID.randomUUID().toString()), Clock.systemUTC());

        for (EventEnvelope event : story) {
            producer.send(codec.toRecord(event)).get();
        }
        producer.send(codec.toRecord(otherAccount)).get();

        TimelinePage page = awaitItems("/v1/events?account=" + accountId, story.size());
        assertThat(page.items()).extracting(TimelineItem::id)
                .containsExactlyInAnyOrderElementsOf(story.stream().map(e -> e.id().toString()).toList());
        assertThat(search("/v1/events?subject=" + accountId).items()).as("by subject only the account's own events").hasSize(1);
    }

    @Test
    void deadLettersGarbageAndGoesOn() throws Exception {
        String key = "garbage-" + UUID.randomUUID();
        String accountId = "acct-" + UUID.randomUUID();
        EventEnvelope after = EventEnvelope.of("provisioner",
                new AccountReady(accountId, "after" + suffix(), "h-3", "small", null), Clock.systemUTC());

        producer.send(new ProducerRecord<>(Topics.PROVISIONING, key, "this is not a CloudEvent".getBytes(StandardCharsets.UTF_8))).get();
        producer.send(codec.toRecord(after)).get();

        awaitItems("/v1/events?subject=" + accountId, 1);
        ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter(Topics.deadLetter(Topics.PROVISIONING), key);
        assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo("this is not a CloudEvent");
        assertThat(deadLetter.headers().lastHeader(DeadLetters.ERROR_HEADER)).isNotNull();
        assertThat(new String(deadLetter.headers().lastHeader(DeadLetters.ERROR_HEADER).value(), StandardCharsets.UTF_8))
                .isNotBlank();
    }

    private ConsumerRecord<String, byte[]> awaitDeadLetter(String topic, String key) {
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer("it-dlq-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
                return !found.isEmpty();
            });
            assertThat(found).hasSize(1);
            return found.getFirst();
        }
    }

    private long storedVersion(EventEnvelope event) throws Exception {
        var response = openSearch.get(g -> g.index(index.indexFor(event.time().toInstant())).id(event.id().toString()), Map.class);
        return response.found() ? response.version() : 0L;
    }

    private TimelinePage awaitItems(String uri, int count) {
        return await().atMost(WAIT).ignoreExceptions().until(() -> search(uri), page -> page.items().size() == count);
    }

    /** The items a search answers, read as plain JSON: an empty page leaves {@code items} out. */
    private List<?> hits(String uri) {
        Map<?, ?> page = http.toBlocking().retrieve(get(uri), Map.class);
        return page.get("items") instanceof List<?> items ? items : List.of();
    }

    private TimelinePage search(String uri) {
        return http.toBlocking().retrieve(get(uri), Argument.of(TimelinePage.class));
    }

    private static HttpRequest<?> get(String uri) {
        return HttpRequest.GET(uri).bearerAuth(TestStack.READ_TOKEN);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
