package io.mooring.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevCertificatesTest {

    @Test
    void writesACaAndAServerCertificateForLocalhostSignedByIt(@TempDir Path dir) throws Exception {
        Path ca = DevCertificates.ensure(dir);

        X509Certificate caCert = read(ca);
        X509Certificate server = read(dir.resolve("server.crt"));
        server.verify(caCert.getPublicKey());
        assertThat(caCert.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(server.getBasicConstraints()).isEqualTo(-1);
        assertThat(server.getSubjectAlternativeNames())
                .contains(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(Files.readString(dir.resolve("server.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void reusesValidCertificates(@TempDir Path dir) throws Exception {
        DevCertificates.ensure(dir);
        String first = Files.readString(dir.resolve("ca.crt"));
        DevCertificates.ensure(dir);
        assertThat(Files.readString(dir.resolve("ca.crt"))).isEqualTo(first);
    }

    @Test
    void issuesClientCertificatesSignedByTheSameCa(@TempDir Path dir) throws Exception {
        Path ca = DevCertificates.ensure(dir);

        DevCertificates.ClientCertificate client = DevCertificates.issueClient(dir, "backup-service");

        X509Certificate certificate = read(client.certificate());
        certificate.verify(read(ca).getPublicKey());
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=backup-service");
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(Files.readString(client.key())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(dir.resolve("ca.crt"))).isEqualTo(Files.readString(ca));
    }

    private static X509Certificate read(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
