package io.mooring.provisioner.command;

import java.sql.Connection;
import io.mooring.testing.OutboxContract;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.events.EventCodec;
import io.mooring.events.EventEnvelope;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.events.chatops.CommandIssued;
import io.mooring.events.provisioning.AccountSuspended;
import java.util.Optional;
import io.mooring.events.provisioning.AccountResumed;
import io.mooring.events.provisioning.AccountCommandRejected;
import io.mooring.testing.ApiClient;
import io.mooring.provisioner.testing.Events;
import io.mooring.provisioner.testing.Fixtures;
import io.mooring.provisioner.testing.ProvisionerProperties;
import io.mooring.testing.TopicReader;
import io.mooring.stack.Servers;
import jakarta.inject.Inject;
import io.mooring.testing.EventTopics;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.mooring.provisioner.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatopsEventHandlerIT implements TestPropertyProvider {

    @Inject
    TransactionOperations<Connection> outboxTransactions;

    @AfterAll
    void everyEventWrittenToTheOutboxDecodesThroughTheContract() {
        int checked = outboxTransactions.executeRead(status -> OutboxContract.assertEveryEventDecodes(status.getConnection()));
        assertThat(checked).isPositive();
    }
    private static final String TOKEN = "commands-it-operator";
    private static final EventCodec CODEC = new EventCodec();

    @Inject
    @Client("/")
    HttpClient client;

    ApiClient api;
    Fixtures fixtures;
    EventTopics producer;

    @Override
    public Map<String, String> getProperties() {
        return ProvisionerProperties.with(TOKEN);
    }

    @BeforeAll
    void setUp() {
        api = new ApiClient(client, TOKEN);
        fixtures = new Fixtures(api);
        producer = new EventTopics();
    }

    @AfterAll
    void tearDown() {
        producer.close();
    }

    @Test
    void suspendsAndResumesFromChatApplyingEachCommandOnce() throws Exception {
        String datacenter = unique("dc");
        fixtures.host(datacenter, 8192);
        String id = fixtures.account(datacenter, "small");

        EventEnvelope suspend = command("account.suspend", id, Map.of("reason", "unpaid"));
        send(suspend);
        await().atMost(Duration.ofSeconds(30)).until(() -> "SUSPENDED".equals(fixtures.account(id).get("state")));
        assertThat(fixtures.account(id)).containsEntry("suspendedReason", "unpaid");

        send(command("account.resume", id, Map.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> "READY".equals(fixtures.account(id).get("state")));

        // the same suspend again (a redelivery), then a new one: only the new one applies
        send(suspend);
        send(command("account.suspend", id, Map.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> "SUSPENDED".equals(fixtures.account(id).get("state")));

        assertThat(fixtures.account(id).get("suspendedReason")).isEqualTo("suspended from chat by alice in #ops");
        List<ReceivedEvent> events = Events.about(id, 6);
        assertThat(events).extracting(Events::shortType).containsExactly("account.requested", "account.placed", "account.ready",
                "account.suspended", "account.resumed", "account.suspended");
        assertThat(events.get(3).dataAs(AccountSuspended.class).orElseThrow().reason()).isEqualTo("unpaid");
        assertThat(events.get(3).dataAs(AccountSuspended.class).orElseThrow().commandId())
                .isEqualTo(suspend.dataAs(CommandIssued.class).commandId());
        assertThat(events.get(4).dataAs(AccountResumed.class).orElseThrow().commandId()).isNotNull();
    }

    @Test
    void answersCommandsItCannotApplyWithARejectionAndIgnoresOthersCommands() throws Exception {
        String datacenter = unique("dc");
        fixtures.host(datacenter, 8192);
        String id = fixtures.account(datacenter, "small");
        String notAnId = unique("acme");
        String noSuchAccount = UUID.randomUUID().toString();
        EventEnvelope forBackups = command("backup.run", id, Map.of());
        for (EventEnvelope command : List.of(forBackups, command("account.suspend", notAnId, Map.of()),
                command("account.suspend", noSuchAccount, Map.of()), command("account.resume", id, Map.of()))) {
            send(command);
        }

        assertThat(rejection(notAnId).reason()).isEqualTo("'" + notAnId + "' is not an account id");
        assertThat(rejection(noSuchAccount).reason()).contains("does not exist");
        AccountCommandRejected resumeActive = rejection(id);
        assertThat(resumeActive.command()).isEqualTo("account.resume");
        assertThat(resumeActive.reason()).contains("can only resume an account that is SUSPENDED");
        // backup.run, sent first on the same key, is the backup service's: no answer from the provisioner
        assertThat(Events.about(id, 4)).extracting(Events::shortType).containsOnlyOnce("command.rejected")
                .doesNotContain("account.resumed");
        assertThat(fixtures.account(id)).containsEntry("state", "READY");
    }

    /** The rejection of the only command about {@code target}, read from the provisioning topic. */
    private static AccountCommandRejected rejection(String target) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> Events.about(target, 1).stream()
                .map(e -> e.dataAs(AccountCommandRejected.class)).flatMap(Optional::stream).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private static EventEnvelope command(String command, String target, Map<String, String> arguments) {
        return EventEnvelope.of("chatops-relay", new CommandIssued(UUID.randomUUID().toString(), command, target, arguments,
                "alice", "#ops"), Clock.systemUTC());
    }

    private void send(EventEnvelope command) throws Exception {
        producer.send(command);
    }

}
