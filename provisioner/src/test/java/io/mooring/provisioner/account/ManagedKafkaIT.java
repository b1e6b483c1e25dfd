package io.mooring.provisioner.account;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.events.chatops.CommandIssued;
import io.mooring.provisioner.testing.Events;
import io.mooring.provisioner.testing.Fixtures;
import io.mooring.stack.EmbeddedKafkaServer;
import io.mooring.stack.ServerKind;
import io.mooring.stack.Servers;
import io.mooring.testing.ApiClient;
import io.mooring.testing.EventTopics;
import io.mooring.testing.RealServersProperties;
import io.mooring.testing.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.mooring.provisioner.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole provisioner on a broker as managed Kafka offers it: SASL_SSL with SCRAM-SHA-512, the
 * broker's certificate signed by a private CA given as {@code mooring.kafka.ca-file}, and the password
 * read from a secret file ({@code MOORING_KAFKA_SASL_PASSWORD_FILE}, here as the system property the
 * same loader reads). Its outbox relay publishes, its command consumer consumes and its health check
 * asks the broker, all over that listener only. The test itself reads and writes through the broker's
 * plain listener.
 */
class ManagedKafkaIT {
    private static final String USER = "provisioner";
    private static final String PASSWORD = "scram-secret-for-the-provisioner";

    private static EmbeddedKafkaServer broker;
    private static EmbeddedServer provisioner;
    private static HttpClient http;
    private static ApiClient api;
    private static Fixtures fixtures;

    @BeforeAll
    static void startTheProvisionerOnASecuredBroker(@TempDir Path secrets) throws IOException {
        broker = EmbeddedKafkaServer.startSecured(Servers.runDir().resolve("kafka-managed"), Map.of(USER, PASSWORD));
        Path passwordFile = Files.writeString(secrets.resolve("kafka-sasl-password"), PASSWORD + "\n");
        Map<String, Object> properties = new HashMap<>(RealServersProperties.forService("provisioner", ManagedKafkaIT.class,
                ServerKind.POSTGRES, ServerKind.REDIS));
        properties.put("mooring.kafka.bootstrap", broker.saslSslBootstrapServers());
        properties.put("mooring.kafka.security-protocol", "SASL_SSL");
        properties.put("mooring.kafka.sasl-mechanism", "SCRAM-SHA-512");
        properties.put("mooring.kafka.sasl-username", USER);
        properties.put("mooring.kafka.ca-file", broker.caCertificate().toString());
        properties.put("mooring.provisioner.drain.interval", "200ms");
        System.setProperty("mooring.kafka.sasl-password-file", passwordFile.toString());
        try {
            provisioner = ApplicationContext.run(EmbeddedServer.class, properties);
        } finally {
            // read once, when the context started; the other tests of this JVM must not see it
            System.clearProperty("mooring.kafka.sasl-password-file");
        }
        http = HttpClient.create(provisioner.getURL());
        api = new ApiClient(http, RealServersProperties.OPERATOR_TOKEN);
        fixtures = new Fixtures(api);
    }

    @AfterAll
    static void stop() {
        if (http != null) {
            http.close();
        }
        if (provisioner != null) {
            provisioner.getApplicationContext().close();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void publishesItsEventsAndReportsKafkaHealthyOverSaslSsl() {
        String datacenter = unique("dc");
        fixtures.host(datacenter, 8192);
        String id = fixtures.account(datacenter, "small");

        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), Topics.PROVISIONING)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Events.of(reader.events(), id))
                    .extracting(Events::shortType).containsExactly("account.requested", "account.placed", "account.ready"));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ApiClient.Reply health = api.get("/health");
            assertThat(health.status()).as(health.body()).isEqualTo(200);
            assertThat(health.body()).contains("\"kafka\"").contains(broker.saslSslBootstrapServers());
        });
    }

    @Test
    void appliesChatCommandsConsumedOverSaslSsl() {
        String datacenter = unique("dc");
        fixtures.host(datacenter, 8192);
        String id = fixtures.account(datacenter, "small");

        try (EventTopics topics = new EventTopics(broker.bootstrapServers()).create(Topics.CHATOPS_COMMANDS)) {
            topics.send(EventTopics.envelope("chatops-relay", new CommandIssued(UUID.randomUUID().toString(),
                    "account.suspend", id, Map.of("reason", "unpaid"), "alice", "#ops")));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> "SUSPENDED".equals(fixtures.account(id).get("state")));
        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), Topics.PROVISIONING)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Events.of(reader.events(), id))
                    .extracting(ReceivedEvent::type).contains("mooring.provisioning.account.suspended.v1"));
        }
        assertThat(fixtures.account(id)).containsEntry("suspendedReason", "unpaid");
    }
}
