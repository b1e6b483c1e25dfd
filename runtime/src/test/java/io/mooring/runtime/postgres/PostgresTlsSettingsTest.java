package io.mooring.runtime.postgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresTlsSettingsTest {
    @TempDir
    Path dir;

    @Test
    void addsNothingWhenNoModeIsSet() {
        assertThat(new PostgresTlsSettings().connectionProperties()).isEmpty();
    }

    @Test
    void verifyFullPassesTheCaFileToTheDriver() throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.crt"), "PEM");
        PostgresTlsSettings settings = settings("VERIFY-FULL", ca.toString());

        assertThat(settings.connectionProperties()).containsOnly(
                Map.entry("sslmode", "verify-full"), Map.entry("sslrootcert", ca.toString()));
    }

    @Test
    void requireNeedsNoCa() {
        assertThat(settings("require", null).connectionProperties()).containsOnlyKeys("sslmode");
    }

    @Test
    void refusesAVerifyingModeWithoutAReadableCa() {
        assertThatThrownBy(() -> settings("verify-full", null).connectionProperties())
                .hasMessageContaining("needs mooring.pg.sslrootcert");
        assertThatThrownBy(() -> settings("verify-ca", dir.resolve("absent.crt").toString()).connectionProperties())
                .hasMessageContaining("is not a readable file");
    }

    @Test
    void refusesAnUnknownModeAndACaThatWouldBeIgnored() {
        assertThatThrownBy(() -> settings("verify_full", null).connectionProperties())
                .hasMessageContaining("mooring.pg.sslmode must be one of");
        assertThatThrownBy(() -> settings("require", "/etc/ca.crt").connectionProperties())
                .hasMessageContaining("only used with sslmode verify-ca or verify-full");
        assertThatThrownBy(() -> settings(null, "/etc/ca.crt").connectionProperties())
                .hasMessageContaining("mooring.pg.sslmode is not");
    }

    @Test
    void anotherClustersSettingsAreNamedInTheirRefusals() {
        PostgresTls target = new PostgresTls("mooring.provisioner.targets.postgres", "verify-full", null);

        assertThatThrownBy(target::connectionProperties).hasMessage("mooring.provisioner.targets.postgres.sslmode=verify-full "
                + "needs mooring.provisioner.targets.postgres.sslrootcert (MOORING_PROVISIONER_TARGETS_POSTGRES_SSLROOTCERT), "
                + "the PEM file of the CA that signed the server certificate");
    }

    private static PostgresTlsSettings settings(String mode, String ca) {
        PostgresTlsSettings settings = new PostgresTlsSettings();
        settings.setSslmode(mode);
        settings.setSslrootcert(ca);
        return settings;
    }
}
