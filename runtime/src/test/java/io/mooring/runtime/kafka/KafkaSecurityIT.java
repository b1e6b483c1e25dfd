package io.mooring.runtime.kafka;

import io.mooring.stack.DevCertificates;
import io.mooring.stack.EmbeddedKafkaServer;
import io.mooring.stack.Servers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The runtime's producers, consumers and admin clients against a broker that asks for TLS and credentials. */
class KafkaSecurityIT {
    private static EmbeddedKafkaServer broker;

    @BeforeAll
    static void startSecuredBroker() {
        broker = EmbeddedKafkaServer.startSecured(Servers.runDir().resolve("kafka-secured"),
                Map.of("backup-service", "scram-secret-1", "chatops-relay", "plain-secret-2"));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void producesAndConsumesOverSaslSslWithScramSha512() throws Exception {
        KafkaClients clients = new KafkaClients(sasl("SCRAM-SHA-512", "backup-service", "scram-secret-1"));

        assertRoundTrip(clients);
    }

    @Test
    void producesAndConsumesOverSaslSslWithPlain() throws Exception {
        KafkaClients clients = new KafkaClients(sasl("PLAIN", "chatops-relay", "plain-secret-2"));

        assertRoundTrip(clients);
    }

    @Test
    void producesAndConsumesOverMutualTls() throws Exception {
        DevCertificates.ClientCertificate certificate = broker.issueClientCertificate("monitor-service");
        KafkaSettings settings = settings(broker.mutualTlsBootstrapServers(), "SSL");
        settings.setCaFile(broker.caCertificate().toString());
        settings.setClientCertFile(certificate.certificate().toString());
        settings.setClientKeyFile(certificate.key().toString());

        assertRoundTrip(new KafkaClients(settings));
    }

    @Test
    void refusesAWrongScramPassword() {
        assertRefused(sasl("SCRAM-SHA-512", "backup-service", "not-the-password"), SaslAuthenticationException.class);
    }

    @Test
    void refusesAnUnknownUserWithPlain() {
        assertRefused(sasl("PLAIN", "intruder", "plain-secret-2"), SaslAuthenticationException.class);
    }

    @Test
    void refusesABrokerWhoseCertificateIsNotSignedByTheConfiguredCa(@TempDir Path otherCa) {
        KafkaSettings settings = sasl("SCRAM-SHA-512", "backup-service", "scram-secret-1");
        settings.setCaFile(DevCertificates.ensure(otherCa).toString());

        assertRefused(settings, SslAuthenticationException.class);
    }

    @Test
    void refusesAMutualTlsClientWithoutACertificate() {
        KafkaSettings settings = settings(broker.mutualTlsBootstrapServers(), "SSL");
        settings.setCaFile(broker.caCertificate().toString());

        assertRefused(settings, SslAuthenticationException.class);
    }

    /** The admin call fails with {@code refusal}, not a time-out: the first handshakes can be slow on a busy machine. */
    private static void assertRefused(KafkaSettings settings, Class<? extends Exception> refusal) {
        try (Admin admin = new KafkaClients(settings).admin()) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThatThrownBy(() -> admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS))
                            .isInstanceOf(ExecutionException.class)
                            .hasCauseInstanceOf(refusal));
        }
    }

    private static void assertRoundTrip(KafkaClients clients) throws Exception {
        String topic = "secured-" + UUID.randomUUID();
        try (Admin admin = clients.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, byte[]> producer = clients.producer("it")) {
            producer.send(new ProducerRecord<>(topic, "key", "over TLS".getBytes())).get(10, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, byte[]> consumer = clients.consumer("secured-it-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
            });
            assertThat(received).singleElement().satisfies(record -> assertThat(new String(record.value())).isEqualTo("over TLS"));
        }
    }

    private static KafkaSettings sasl(String mechanism, String user, String password) {
        KafkaSettings settings = settings(broker.saslSslBootstrapServers(), "SASL_SSL");
        settings.setSaslMechanism(mechanism);
        settings.setSaslUsername(user);
        settings.setSaslPassword(password);
        settings.setCaFile(broker.caCertificate().toString());
        return settings;
    }

    private static KafkaSettings settings(String bootstrap, String protocol) {
        KafkaSettings settings = new KafkaSettings();
        settings.setBootstrap(bootstrap);
        settings.setSecurityProtocol(protocol);
        return settings;
    }
}
