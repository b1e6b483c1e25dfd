package io.mooring.provisioner.resource.driver;

import io.mooring.runtime.postgres.PostgresTlsSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresTargetTest {
    @TempDir
    Path dir;

    @Test
    void aTargetOnTheServicesOwnServerSpeaksTlsAsTheServiceDoes() throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.crt"), "PEM");

        PostgresTarget target = target("", "", "", serviceTls("verify-full", ca));

        assertThat(target.tlsProperties()).containsOnly(Map.entry("sslmode", "verify-full"), Map.entry("sslrootcert", ca.toString()));
        assertThat(target.tlsSetting()).isEqualTo("mooring.pg");
    }

    @Test
    void aTargetWithItsOwnHostUsesOnlyItsOwnTlsSettings() throws IOException {
        Path serviceCa = Files.writeString(dir.resolve("service-ca.crt"), "PEM");
        Path targetCa = Files.writeString(dir.resolve("target-ca.crt"), "PEM");

        assertThat(target("db.example.org", "", "", serviceTls("verify-full", serviceCa)).tlsProperties()).isEmpty();
        PostgresTarget own = target("db.example.org", "verify-full", targetCa.toString(), serviceTls("verify-full", serviceCa));
        assertThat(own.tlsProperties()).containsEntry("sslrootcert", targetCa.toString());
        assertThat(own.tlsSetting()).isEqualTo("mooring.provisioner.targets.postgres");
    }

    @Test
    void refusesToStartWithAVerifyingModeButNoCaNamingTheTargetsSetting() {
        assertThatThrownBy(() -> target("db.example.org", "verify-full", "", new PostgresTlsSettings()))
                .hasMessageStartingWith("mooring.provisioner.targets.postgres.sslmode=verify-full needs "
                        + "mooring.provisioner.targets.postgres.sslrootcert");
        assertThatThrownBy(() -> target("db.example.org", "verify-all", "", new PostgresTlsSettings()))
                .hasMessageStartingWith("mooring.provisioner.targets.postgres.sslmode must be one of");
    }

    private static PostgresTlsSettings serviceTls(String mode, Path ca) {
        PostgresTlsSettings settings = new PostgresTlsSettings();
        settings.setSslmode(mode);
        settings.setSslrootcert(ca.toString());
        return settings;
    }

    private static PostgresTarget target(String host, String sslmode, String sslrootcert, PostgresTlsSettings serviceTls) {
        return new PostgresTarget(host, 0, "", "", "postgres", "", Duration.ofSeconds(5), Duration.ofSeconds(30),
                sslmode, sslrootcert, serviceTls, "127.0.0.1", 5432, "postgres", "service-password");
    }
}
