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
import io.mooring.events.provisioning.AccountSuspended;
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
import static org.awaitility.Awaitility.await;

/** The service follows accounts on mooring.provisioning, through real Kafka and Postgres. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvisioningEventHandlerIT implements TestPropertyProvider {
    private static final String GROUP = "backup-service." + ProvisioningEventHandler.NAME;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    TransactionOperations<Connection> transactions;

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
    void readyAccountGetsItsDefaultPolicyAndItIsAnnounced() throws Exception {
        String accountId = UUID.randomUUID().toString();
        kafka.send(kafka.record("provisioner", ready(accountId, "blue-harbour")));

        await().atMost(WAIT).untilAsserted(() -> assertThat(policiesOf(accountId)).hasSize(1));
        BackupPolicy policy = policiesOf(accountId).getFirst();
        assertThat(policy.targetKind()).isEqualTo("account");
        assertThat(policy.targetName()).isEqualTo("blue-harbour");
        assertThat(policy.schedule()).isEqualTo("0 3 * * *");
        assertThat(policy.retentionDays()).isEqualTo(14);
        assertThat(policy.state()).isEqualTo(BackupPolicy.State.ACTIVE);

        await().atMost(WAIT).untilAsserted(() -> assertThat(created(accountId)).hasSize(1));
        ReceivedEvent event = created(accountId).getFirst();
        assertThat(event.type()).isEqualTo("mooring.backups.policy.created.v1");
        assertThat(event.source()).isEqualTo("/mooring/backup-service");
        assertThat(event.subject()).isEqualTo(policy.id().toString());
        assertThat(event.dataAs(BackupPolicyCreated.class)).contains(new BackupPolicyCreated(policy.id().toString(),
                accountId, new BackupTarget("account", "blue-harbour"), "0 3 * * *", 14));
        assertThat(recordsAbout(policy.id())).allSatisfy(r -> assertThat(r.key()).isEqualTo(policy.id().toString()));
    }

    @Test
    void eventDeliveredTwiceIsAppliedOnce() throws Exception {
        String accountId = UUID.randomUUID().toString();
        ProducerRecord<String, byte[]> record = kafka.record("provisioner", ready(accountId, "twice"));
        kafka.send(record);
        RecordMetadata second = kafka.send(record);
        // an event the service does not act on, behind both copies on the same partition
        RecordMetadata after = kafka.send(kafka.record("provisioner", new AccountSuspended(accountId, "unpaid")));
        assertThat(after.partition()).isEqualTo(second.partition());

        await().atMost(WAIT).until(() -> kafka.committed(GROUP, after) > after.offset());
        await().atMost(WAIT).untilAsserted(() -> assertThat(unpublishedEvents()).isZero());

        assertThat(policiesOf(accountId)).hasSize(1);
        assertThat(created(accountId)).hasSize(1);
    }

    @Test
    void garbageIsDeadLetteredAndConsumptionGoesOn() throws Exception {
        String accountId = UUID.randomUUID().toString();
        byte[] garbage = ("{not a cloud event " + accountId).getBytes(StandardCharsets.UTF_8);
        kafka.send(new ProducerRecord<>(Topics.PROVISIONING, accountId, garbage));
        kafka.send(kafka.record("provisioner", ready(accountId, "after-garbage")));

        await().atMost(WAIT).untilAsserted(() -> assertThat(policiesOf(accountId)).hasSize(1));
        await().atMost(WAIT).untilAsserted(() -> assertThat(deadLettered(accountId)).hasSize(1));
        ConsumerRecord<String, byte[]> dead = deadLettered(accountId).getFirst();
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(dead.headers().lastHeader(DeadLetters.ERROR_HEADER)).isNotNull();
        assertThat(new String(dead.headers().lastHeader(DeadLetters.ERROR_HEADER).value(), StandardCharsets.UTF_8))
                .isNotBlank();
    }

    @Test
    void purgedAccountLosesEveryPolicy() throws Exception {
        String accountId = UUID.randomUUID().toString();
        kafka.send(kafka.record("provisioner", ready(accountId, "going-away")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(policiesOf(accountId)).hasSize(1));
        BackupPolicy media = http.toBlocking().retrieve(HttpRequest.POST("/v1/policies", Map.of(
                        "accountId", accountId, "targetKind", "bucket", "targetName", "media",
                        "schedule", "0 */4 * * *", "retentionDays", 1))
                .bearerAuth(TestStack.OPERATOR_TOKEN), BackupPolicy.class);

        kafka.send(kafka.record("provisioner", new AccountPurged(accountId)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(policiesOf(accountId)).isEmpty());
        await().atMost(WAIT).untilAsserted(() -> assertThat(deleted(accountId)).hasSize(2));
        assertThat(deleted(accountId)).map(e -> e.dataAs(BackupPolicyDeleted.class).orElseThrow().policyId())
                .contains(media.id().toString());
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
        // the samples end with the account purged
        assertThat(policiesOf(accountId)).isEmpty();
        assertThat(created(accountId)).hasSize(1);
    }

    private static AccountReady ready(String accountId, String name) {
        return new AccountReady(accountId, name, UUID.randomUUID().toString(), "small", "owner@example.org");
    }

    private List<BackupPolicy> policiesOf(String accountId) {
        return http.toBlocking().retrieve(HttpRequest.GET("/v1/policies?accountId=" + accountId)
                .bearerAuth(TestStack.READ_TOKEN), Argument.listOf(BackupPolicy.class));
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
