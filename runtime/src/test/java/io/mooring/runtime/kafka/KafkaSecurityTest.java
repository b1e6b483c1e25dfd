package io.mooring.runtime.kafka;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaSecurityTest {
    private static final String CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    @TempDir
    Path dir;

    @Test
    void plaintextByDefault() {
        assertThat(KafkaSecurity.from(new KafkaSettings()).clientProperties())
                .containsExactlyEntriesOf(Map.of("security.protocol", "PLAINTEXT"));
    }

    @Test
    void saslSslWithScramTrustsTheCaFileAndVerifiesTheHostName() throws IOException {
        KafkaSettings settings = saslSettings();
        settings.setCaFile(Files.writeString(dir.resolve("ca.crt"), CA).toString());

        assertThat(KafkaSecurity.from(settings).clientProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"svc\" password=\"p\\\"w\\\\d\";")
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.certificates", CA)
                .containsEntry("ssl.endpoint.identification.algorithm", "https");
    }

    @Test
    void plainMechanismUsesThePlainLoginModule() {
        KafkaSettings settings = saslSettings();
        settings.setSaslMechanism("plain");

        assertThat(KafkaSecurity.from(settings).clientProperties())
                .containsEntry("sasl.mechanism", "PLAIN")
                .hasEntrySatisfying("sasl.jaas.config", jaas -> assertThat((String) jaas)
                        .startsWith("org.apache.kafka.common.security.plain.PlainLoginModule required"));
    }

    @Test
    void mutualTlsPresentsTheClientCertificateAndKey() throws IOException {
        KafkaSettings settings = new KafkaSettings();
        settings.setSecurityProtocol("SSL");
        settings.setClientCertFile(Files.writeString(dir.resolve("client.crt"), "CERT").toString());
        settings.setClientKeyFile(Files.writeString(dir.resolve("client.key"), "KEY").toString());

        assertThat(KafkaSecurity.from(settings).clientProperties())
                .containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.keystore.type", "PEM")
                .containsEntry("ssl.keystore.certificate.chain", "CERT")
                .containsEntry("ssl.keystore.key", "KEY")
                .doesNotContainKey("sasl.jaas.config");
    }

    @Test
    void trustAndKeyStoresArePassedByLocation() throws IOException {
        KafkaSettings settings = new KafkaSettings();
        settings.setSecurityProtocol("SSL");
        settings.setTruststoreFile(Files.writeString(dir.resolve("trust.p12"), "x").toString());
        settings.setTruststorePassword("tpw");
        settings.setKeystoreFile(Files.writeString(dir.resolve("key.p12"), "x").toString());
        settings.setKeystorePassword("kpw");

        assertThat(KafkaSecurity.from(settings).clientProperties())
                .containsEntry("ssl.truststore.type", "PKCS12")
                .containsEntry("ssl.truststore.location", dir.resolve("trust.p12").toString())
                .containsEntry("ssl.truststore.password", "tpw")
                .containsEntry("ssl.keystore.location", dir.resolve("key.p12").toString())
                .containsEntry("ssl.keystore.password", "kpw");
    }

    @Test
    void refusesSaslWithoutTls() {
        KafkaSettings settings = saslSettings();
        settings.setSecurityProtocol("SASL_PLAINTEXT");

        assertThatThrownBy(() -> KafkaSecurity.from(settings)).hasMessageContaining("mooring.kafka.security-protocol")
                .hasMessageContaining("in clear");
    }

    @Test
    void refusesCredentialsOnAPlaintextConnection() {
        KafkaSettings settings = saslSettings();
        settings.setSecurityProtocol("PLAINTEXT");

        assertThatThrownBy(() -> KafkaSecurity.from(settings)).hasMessageContaining("mooring.kafka.sasl-username is set")
                .hasMessageNotContaining("p\"w");
    }

    @Test
    void refusesSaslSslWithoutAPassword() {
        KafkaSettings settings = saslSettings();
        settings.setSaslPassword(null);

        assertThatThrownBy(() -> KafkaSecurity.from(settings)).hasMessageContaining("MOORING_KAFKA_SASL_PASSWORD_FILE");
    }

    @Test
    void refusesAnUnknownMechanismAndAHalfClientIdentity() throws IOException {
        KafkaSettings mechanism = saslSettings();
        mechanism.setSaslMechanism("GSSAPI");
        assertThatThrownBy(() -> KafkaSecurity.from(mechanism)).hasMessageContaining("mooring.kafka.sasl-mechanism must be one of");

        KafkaSettings halfIdentity = new KafkaSettings();
        halfIdentity.setSecurityProtocol("SSL");
        halfIdentity.setClientCertFile(Files.writeString(dir.resolve("c.crt"), "CERT").toString());
        assertThatThrownBy(() -> KafkaSecurity.from(halfIdentity)).hasMessageContaining("client-key-file");
    }

    @Test
    void namesAnUnreadableCaFile() {
        KafkaSettings settings = saslSettings();
        settings.setCaFile(dir.resolve("absent.crt").toString());

        assertThatThrownBy(() -> KafkaSecurity.from(settings))
                .hasMessageContaining("mooring.kafka.ca-file=" + dir.resolve("absent.crt") + " is not a readable file");
    }

    @Test
    void descriptionsNeverShowPasswordsOrKeys() throws IOException {
        KafkaSettings settings = saslSettings();
        settings.setCaFile(Files.writeString(dir.resolve("ca.crt"), CA).toString());
        settings.setClientCertFile(Files.writeString(dir.resolve("client.crt"), "CERT").toString());
        settings.setClientKeyFile(Files.writeString(dir.resolve("client.key"), "PRIVATE-KEY").toString());
        settings.setClientKeyPassword("key-secret");

        String description = KafkaSecurity.from(settings) + " " + settings;

        assertThat(description).contains("SASL_SSL", "SCRAM-SHA-512", "svc", dir.resolve("ca.crt").toString())
                .doesNotContain("p\"w", "PRIVATE-KEY", "key-secret");
    }

    private static KafkaSettings saslSettings() {
        KafkaSettings settings = new KafkaSettings();
        settings.setSecurityProtocol("sasl_ssl");
        settings.setSaslUsername("svc");
        settings.setSaslPassword("p\"w\\d");
        return settings;
    }
}
