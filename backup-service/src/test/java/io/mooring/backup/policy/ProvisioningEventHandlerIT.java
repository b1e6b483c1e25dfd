package io.mooring.backup.policy;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.mooring.testing.EventTopics;
import io.mooring.testing.TopicReader;
import io.mooring.backup.TestStack;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.events.backups.BackupPolicyCreated;
import io.mooring.events.backups.BackupPolicyDeleted;
import io.mooring.events.backups.BackupTarget;
import io.mooring.events.provisioning.AccountPurged;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.events.provisioning.AccountResumed;
import io.mooring.events.provisioning.AccountSuspended;
import io.mooring.events.provisioning.ResourceDeleted;
import io.mooring.events.provisioning.ResourceReady;
import io.mooring.events.backups.BackupPolicyPaused;
import io.mooring.events.backups.BackupPolicyResumed;
import io.mooring.events.backups.BackupPolicyUpdated;
import io.mooring.events.backups.BackupRetention;
import io.mooring.runtime.paging.Page;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.time.Instant;
import io.mooring.events.EventCatalog;
import io.mooring.events.MooringEvent;
import io.mooring.runtime.consumer.DeadLetters;
import io.mooring.testing.ContractSamples;
import io.mooring.testing.OutboxContract;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** The service follows accounts on mooring.provisioning, through real Kafka and Postgres. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvisioningEventHandlerIT implements TestPropertyProvider {
    private static final String GROUP = "backup-service." + ProvisioningEventHandler.NAME;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    AccountResources resources;

    private EventTopics kafka;
    private TopicReader backups;
    private TopicReader deadLetters;

    @Override
    public Map<String, String> getProperties() {
        return TestStack.properties(ProvisioningEventHandlerIT.class);
    }

    @BeforeAll
    void connect() throws Exception {
        kafka = new EventTopics(TestStack.kafkaBootstrap());
        kafka.create(Topics.PROVISIONING);
        backups = kafka.reader(Topics.BACKUPS);
        deadLetters = kafka.reader(Topics.deadLetter(Topics.PROVISIONING));
    }

    @AfterAll
    void everyEventWrittenToTheOutboxDecodesThroughTheContract() {
        int checked = transactions.executeRead(status -> OutboxContract.assertEveryEventDecodes(status.getConnection()));
        assertThat(checked).isPositive();
    }

    @AfterAll
    void disconnect() {
        backups.close();
        deadLetters.close();
        kafka.close();
    }

    @Test
    void readyDatabaseGetsADailyPolicyKeptTwoWeeksAndItIsAnnounced() throws Exception {
        String accountId = UUID.randomUUID().toString();
        kafka.send(kafka.record("provisioner", database(accountId, "res-1", "main")));

        await().atMost(WAIT).untilAsserted(() -> assertThat(policiesOf(accountId)).hasSize(1));
        PolicyView policy = policiesOf(accountId).getFirst();
        assertThat(policy.targetKind()).isEqualTo("postgres-database");
        assertThat(policy.targetName()).isEqualTo("acct_0193_main");
        assertThat(policy.schedule()).isEqualTo("0 3 * * *");
        assertThat(policy.retention()).isEqualTo(new PolicyView.Retention(null, null, null, null, "P14D"));
        assertThat(policy.state()).isEqualTo(BackupPolicy.State.ACTIVE);
        assertThat(resources.of(accountId)).containsExactly(new AccountResource(TargetKind.POSTGRES_DATABASE, "acct_0193_main"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(created(accountId)).hasSize(1));
        ReceivedEvent event = created(accountId).getFirst();
        assertThat(event.type()).isEqualTo("mooring.backups.policy.created.v1");
        assertThat(event.source()).isEqualTo("/mooring/backup-service");
        assertThat(event.subject()).isEqualTo(policy.id().toString());
        assertThat(event.dataAs(BackupPolicyCreated.class)).contains(new BackupPolicyCreated(policy.id().toString(),
                accountId, new BackupTarget("postgres-database", "acct_0193_main"), "0 3 * * *", 14, "UTC",
                BackupRetention.withinDays(14), "default", 3, List.of(), "ACTIVE"));
        assertThat(recordsAbout(policy.id())).allSatisfy(r -> assertThat(r.key()).isEqualTo(policy.id().toString()));
    }

    @Test
    void bucketIsMirroredEveryFourHoursAndRedisOncePerAccount() throws Exception {
        String accountId = UUID.randomUUID().toString();
        kafka.send(kafka.record("provisioner", new ResourceReady(accountId, "res-b", "bucket", "media",
                "https://s3.par1.example.net/acct-0193-media")));
        kafka.send(kafka.record("provisioner", redis(accountId, "res-r1", "cache")));
        kafka.send(kafka.record("provisioner", redis(accountId, "res-r2", "sidekiq")));

        await().atMost(WAIT).untilAsserted(() -> assertThat(resources.of(accountId)).hasSize(2));
        await().atMost(WAIT).untilAsserted(() -> assertThat(policiesOf(accountId)).hasSize(2));
        assertThat(policiesOf(accountId)).extracting(PolicyView::targetKind, PolicyView::targetName, PolicyView::schedule)
                .containsExactlyInAnyOrder(tuple("bucket", "acct-0193-media", "0 */4 * * *"),
                        tuple("redis-namespace", accountId, "0 3 * * *"));
        assertThat(resources.of(accountId)).containsExactlyInAnyOrder(
                new AccountResource(TargetKind.BUCKET, "acct-0193-media"), new AccountResource(TargetKind.REDIS_NAMESPACE, accountId));

        // one namespace goes: the account still has Redis keys to back up
        RecordMetadata first = kafka.send(kafka.record("provisioner", new ResourceDeleted(accountId, "res-r1", "redis-namespace")));
        await().atMost(WAIT).until(() -> kafka.committed(GROUP, first) > first.offset());
        assertThat(policy(accountId, "redis-namespace").state()).isEqualTo(BackupPolicy.State.ACTIVE);

        kafka.send(kafka.record("provisioner", new ResourceDeleted(accountId, "res-r2", "redis-namespace")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(policy(accountId, "redis-namespace").state())
                .isEqualTo(BackupPolicy.State.STOPPED));
        assertThat(resources.of(accountId)).containsExactly(new AccountResource(TargetKind.BUCKET, "acct-0193-media"));
    }

    @Test
    void deletedResourceStopsItsPolicyKeepingTheArtifactsForThePurgedRetention() throws Exception {
        String accountId = UUID.randomUUID().toString();
        kafka.send(kafka.record("provisioner", database(accountId, "res-1", "main")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(policiesOf(accountId)).hasSize(1));
        Instant before = Instant.now();

        kafka.send(kafka.record("provisioner", new ResourceDeleted(accountId, "res-1", "postgres-database")));

        await().atMost(WAIT).untilAsserted(() -> assertThat(policiesOf(accountId).getFirst().state())
                .isEqualTo(BackupPolicy.State.STOPPED));
        PolicyView stopped = policiesOf(accountId).getFirst();
        assertThat(stopped.keepArtifactsUntil()).isBetween(before.plus(Duration.ofDays(30)),
                Instant.now().plus(Duration.ofDays(30)));
        assertThat(resources.of(accountId)).isEmpty();
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(BackupPolicyUpdated.class, accountId))
                .singleElement().satisfies(updated -> {
                    assertThat(updated.state()).isEqualTo("STOPPED");
                    assertThat(updated.keepArtifactsUntil().toInstant()).isEqualTo(stopped.keepArtifactsUntil());
                }));
        HttpResponse<String> patch = exchange(HttpRequest.PATCH("/v1/policies/" + stopped.id(), "{\"zstdLevel\": 5}")
                .bearerAuth(TestStack.OPERATOR_TOKEN));
        assertThat(patch.code()).isEqualTo(409);
        assertThat(patch.body()).contains("urn:mooring:problem:policy-stopped");
    }

    @Test
    void suspensionPausesThePoliciesAndResumingResumesOnlyThoseItPaused() throws Exception {
        String accountId = UUID.randomUUID().toString();
        kafka.send(kafka.record("provisioner", database(accountId, "res-1", "main")));
        kafka.send(kafka.record("provisioner", new ResourceReady(accountId, "res-b", "bucket", "media",
                "https://s3.par1.example.net/acct-0193-media")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(policiesOf(accountId)).hasSize(2));
        PolicyView bucket = policy(accountId, "bucket");
        assertThat(exchange(HttpRequest.POST("/v1/policies/" + bucket.id() + "/pause", "")
                .bearerAuth(TestStack.OPERATOR_TOKEN)).code()).isEqualTo(200);

        kafka.send(kafka.record("provisioner", new AccountSuspended(accountId, "unpaid")));
        // a resource made while the account is suspended gets a paused policy
        kafka.send(kafka.record("provisioner", redis(accountId, "res-r", "cache")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(policiesOf(accountId))
                .hasSize(3).allSatisfy(p -> assertThat(p.state()).isEqualTo(BackupPolicy.State.PAUSED)));
        assertThat(events(BackupPolicyPaused.class, accountId)).extracting(BackupPolicyPaused::reason)
                .containsExactlyInAnyOrder("paused by an operator", "account suspended: unpaid", "account suspended");

        kafka.send(kafka.record("provisioner", new AccountResumed(accountId)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(policy(accountId, "postgres-database").state())
                .isEqualTo(BackupPolicy.State.ACTIVE));
        await().atMost(WAIT).untilAsserted(() -> assertThat(policy(accountId, "redis-namespace").state())
                .isEqualTo(BackupPolicy.State.ACTIVE));
        assertThat(policy(accountId, "bucket").state()).isEqualTo(BackupPolicy.State.PAUSED);
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(BackupPolicyResumed.class, accountId))
                .extracting(BackupPolicyResumed::reason).containsExactly("account resumed", "account resumed"));
    }

    @Test
    void eventDeliveredTwiceIsAppliedOnce() throws Exception {
        String accountId = UUID.randomUUID().toString();
        ProducerRecord<String, byte[]> record = kafka.record("provisioner", database(accountId, "res-1", "twice"));
        kafka.send(record);
        RecordMetadata second = kafka.send(record);
        // an event the service does not act on, behind both copies on the same partition
        RecordMetadata after = kafka.send(kafka.record("provisioner", ready(accountId, "twice")));
        assertThat(after.partition()).isEqualTo(second.partition());

        await().atMost(WAIT).until(() -> kafka.committed(GROUP, after) > after.offset());
        await().atMost(WAIT).untilAsserted(() -> assertThat(unpublishedEvents()).isZero());

        assertThat(policiesOf(accountId)).hasSize(1);
        assertThat(created(accountId)).hasSize(1);
    }

    @Test
    void readyAccountAloneGetsNoPolicy() throws Exception {
        String accountId = UUID.randomUUID().toString();
        RecordMetadata ready = kafka.send(kafka.record("provisioner", ready(accountId, "no-resources-yet")));

        await().atMost(WAIT).until(() -> kafka.committed(GROUP, ready) > ready.offset());

        assertThat(policiesOf(accountId)).isEmpty();
    }

    @Test
    void theMigratedDefaultPolicyGivesWayToTheFirstPerResourcePolicy() throws Exception {
        String accountId = UUID.randomUUID().toString();
        UUID legacy = io.mooring.runtime.Ids.next();
        transactions.executeWrite(status -> {
            try (var insert = status.getConnection().prepareStatement("""
                    INSERT INTO backup_policy (id, account_id, target_kind, target_name, schedule, retention_days, state,
                                               keep_within, origin, created_at, updated_at)
                    VALUES (?, ?, 'account', 'old-account', '0 3 * * *', 14, 'ACTIVE', 'P14D', 'default', now(), now())
                    """)) {
                insert.setObject(1, legacy);
                insert.setString(2, accountId);
                return insert.executeUpdate();
            }
        });
        PolicyView byHand = http.toBlocking().retrieve(HttpRequest.POST("/v1/policies", Map.of(
                        "accountId", accountId, "targetKind", "account", "targetName", "everything",
                        "schedule", "0 1 * * 0", "retentionDays", 60))
                .bearerAuth(TestStack.OPERATOR_TOKEN), PolicyView.class);
        assertThat(policiesOf(accountId)).extracting(PolicyView::id).containsExactly(legacy, byHand.id());

        kafka.send(kafka.record("provisioner", database(accountId, "res-1", "main")));

        await().atMost(WAIT).untilAsserted(() -> assertThat(policiesOf(accountId)).extracting(PolicyView::targetKind)
                .containsExactly("account", "postgres-database"));
        assertThat(policiesOf(accountId).getFirst().id()).isEqualTo(byHand.id());
        await().atMost(WAIT).untilAsserted(() -> assertThat(deleted(accountId)).singleElement()
                .satisfies(e -> assertThat(e.dataAs(BackupPolicyDeleted.class).orElseThrow().policyId())
                        .isEqualTo(legacy.toString())));
    }

    @Test
    void garbageIsDeadLetteredAndConsumptionGoesOn() throws Exception {
        String accountId = UUID.randomUUID().toString();
        byte[] garbage = ("{not a cloud event " + accountId).getBytes(StandardCharsets.UTF_8);
        kafka.send(new ProducerRecord<>(Topics.PROVISIONING, accountId, garbage));
        kafka.send(kafka.record("provisioner", database(accountId, "res-1", "after_garbage")));

        await().atMost(WAIT).untilAsserted(() -> assertThat(policiesOf(accountId)).hasSize(1));
        await().atMost(WAIT).untilAsserted(() -> assertThat(deadLettered(accountId)).hasSize(1));
        ConsumerRecord<String, byte[]> dead = deadLettered(accountId).getFirst();
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(dead.headers().lastHeader(DeadLetters.ERROR_HEADER)).isNotNull();
        assertThat(new String(dead.headers().lastHeader(DeadLetters.ERROR_HEADER).value(), StandardCharsets.UTF_8))
                .isNotBlank();
    }

    @Test
    void purgedAccountStopsEveryPolicyAndForgetsItsResources() throws Exception {
        String accountId = UUID.randomUUID().toString();
        kafka.send(kafka.record("provisioner", database(accountId, "res-1", "main")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(policiesOf(accountId)).hasSize(1));
        PolicyView media = http.toBlocking().retrieve(HttpRequest.POST("/v1/policies", Map.of(
                        "accountId", accountId, "targetKind", "bucket", "targetName", "media",
                        "schedule", "0 */4 * * *", "retentionDays", 1))
                .bearerAuth(TestStack.OPERATOR_TOKEN), PolicyView.class);

        kafka.send(kafka.record("provisioner", new AccountPurged(accountId)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(policiesOf(accountId)).hasSize(2)
                .allSatisfy(p -> assertThat(p.state()).isEqualTo(BackupPolicy.State.STOPPED)));
        assertThat(policiesOf(accountId)).allSatisfy(p -> assertThat(p.keepArtifactsUntil())
                .isAfter(Instant.now().plus(Duration.ofDays(29))));
        assertThat(resources.of(accountId)).isEmpty();
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(BackupPolicyUpdated.class, accountId))
                .extracting(BackupPolicyUpdated::policyId).contains(media.id().toString()).hasSize(2));
        assertThat(deleted(accountId)).isEmpty();
    }

    @Test
    void handlesEveryProvisioningEventTheContractAllowsWithoutStalling() throws Exception {
        String accountId = UUID.randomUUID().toString();
        List<RecordMetadata> sent = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (MooringEvent sample : ContractSamples.all(accountId)) {
            if (EventCatalog.entryOf(sample.getClass()).topic().equals(Topics.PROVISIONING)) {
                ProducerRecord<String, byte[]> record = kafka.record("provisioner", sample);
                ids.add(new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8));
                sent.add(kafka.send(record));
            }
        }

        await().atMost(WAIT).untilAsserted(() -> assertThat(sent)
                .allSatisfy(r -> assertThat(kafka.committed(GROUP, r)).isGreaterThan(r.offset())));
        assertThat(deadLetters.records()).noneMatch(r -> r.headers().lastHeader("ce_id") != null
                && ids.contains(new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)));
        // each backed-up kind (not sites) is made ready and deleted again
        assertThat(policiesOf(accountId)).extracting(PolicyView::targetKind)
                .containsExactlyInAnyOrder("postgres-database", "redis-namespace", "bucket");
        assertThat(policiesOf(accountId)).allSatisfy(p -> assertThat(p.state()).isEqualTo(BackupPolicy.State.STOPPED));
        assertThat(resources.of(accountId)).isEmpty();
    }

    private static ResourceReady database(String accountId, String resourceId, String name) {
        return new ResourceReady(accountId, resourceId, "postgres-database", name,
                "postgres://db-2.par1.example.net:5432/acct_0193_" + name);
    }

    private static ResourceReady redis(String accountId, String resourceId, String name) {
        return new ResourceReady(accountId, resourceId, "redis-namespace", name, "rediss://redis-1.par1.example.net:6380");
    }

    private PolicyView policy(String accountId, String targetKind) {
        return policiesOf(accountId).stream().filter(p -> p.targetKind().equals(targetKind)).findFirst().orElseThrow();
    }

    private <T extends MooringEvent> List<T> events(Class<T> type, String accountId) {
        return events().stream().flatMap(e -> e.dataAs(type).stream())
                .filter(e -> e.toString().contains(accountId)).toList();
    }

    /** The response whatever its status, body as text. */
    private HttpResponse<String> exchange(HttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request, String.class);
        } catch (HttpClientResponseException e) {
            return HttpResponse.<String>status(e.getResponse().status()).body(e.getResponse().getBody(String.class).orElse(""));
        }
    }

    private static AccountReady ready(String accountId, String name) {
        return new AccountReady(accountId, name, UUID.randomUUID().toString(), "small", "owner@example.org");
    }

    @SuppressWarnings("unchecked")
    private List<PolicyView> policiesOf(String accountId) {
        return http.toBlocking().retrieve(HttpRequest.GET("/v1/policies?accountId=" + accountId)
                        .bearerAuth(TestStack.READ_TOKEN),
                (Argument<Page<PolicyView>>) (Argument<?>) Argument.of(Page.class, PolicyView.class)).items();
    }

    private List<ReceivedEvent> created(String accountId) {
        return events().stream().filter(e -> e.dataAs(BackupPolicyCreated.class)
                .filter(c -> c.accountId().equals(accountId)).isPresent()).toList();
    }

    private List<ReceivedEvent> deleted(String accountId) {
        return events().stream().filter(e -> e.dataAs(BackupPolicyDeleted.class)
                .filter(d -> d.accountId().equals(accountId)).isPresent()).toList();
    }

    private List<ReceivedEvent> events() {
        return backups.records().stream().map(kafka.codec()::decode).toList();
    }

    private List<ConsumerRecord<String, byte[]>> recordsAbout(UUID policyId) {
        return backups.records().stream().filter(r -> kafka.codec().decode(r).subject().equals(policyId.toString()))
                .toList();
    }

    private List<ConsumerRecord<String, byte[]>> deadLettered(String key) {
        return deadLetters.records().stream().filter(r -> key.equals(r.key())).toList();
    }

    private long unpublishedEvents() {
        return transactions.executeRead(status -> {
            try (var query = status.getConnection().prepareStatement(
                    "SELECT count(*) FROM mooring_outbox WHERE published_at IS NULL");
                 var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }
}
