package io.mooring.runtime.secrets;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretFilesTest {
    @TempDir
    Path dir;

    @Test
    void readsEachFileVariableAsTheSettingWithoutSurroundingWhitespace() throws IOException {
        Path password = Files.writeString(dir.resolve("pg-password"), "s3cret-from-file\n");
        Path sasl = Files.writeString(dir.resolve("sasl"), "  kafka pass  ");

        Map<String, Object> values = SecretFiles.read(Map.of(
                "MOORING_PG_PASSWORD_FILE", password.toString(),
                "MOORING_KAFKA_SASL_PASSWORD_FILE", sasl.toString(),
                "MOORING_PG_HOST", "db.example"), new Properties());

        assertThat(values).containsOnly(
                Map.entry("MOORING_PG_PASSWORD", "s3cret-from-file"),
                Map.entry("MOORING_KAFKA_SASL_PASSWORD", "kafka pass"));
    }

    @Test
    void takesFileNamesFromSystemPropertiesToo() throws IOException {
        Path key = Files.writeString(dir.resolve("s3"), "secret-key");
        Properties system = new Properties();
        system.setProperty("mooring.s3.secret-key-file", key.toString());

        assertThat(SecretFiles.read(Map.of(), system)).containsOnly(Map.entry("MOORING_S3_SECRET_KEY", "secret-key"));
    }

    @Test
    void leavesSettingsThatAreFilePathsAlone() {
        Map<String, Object> values = SecretFiles.read(Map.of(
                "MOORING_REDIS_CA_FILE", "/does/not/exist/ca.crt",
                "MOORING_KAFKA_CLIENT_CERT_FILE", "/does/not/exist/client.crt",
                "MOORING_KAFKA_CLIENT_KEY_FILE", "/does/not/exist/client.key",
                "MOORING_KAFKA_TRUSTSTORE_FILE", "/does/not/exist/trust.p12",
                "MOORING_KAFKA_KEYSTORE_FILE", "/does/not/exist/key.p12",
                "OTHER_PASSWORD_FILE", "/does/not/exist"), new Properties());

        assertThat(values).isEmpty();
    }

    @Test
    void refusesASettingGivenBothDirectlyAndAsAFileWithoutShowingEither() throws IOException {
        Path password = Files.writeString(dir.resolve("pw"), "from-file");

        assertThatThrownBy(() -> SecretFiles.read(Map.of(
                "MOORING_PG_PASSWORD", "direct-value",
                "MOORING_PG_PASSWORD_FILE", password.toString()), new Properties()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("MOORING_PG_PASSWORD is set both directly and through MOORING_PG_PASSWORD_FILE")
                .hasMessageNotContaining("direct-value")
                .hasMessageNotContaining("from-file");
    }

    @Test
    void namesTheVariableOfAMissingFile() {
        assertThatThrownBy(() -> SecretFiles.read(Map.of(
                "MOORING_OPENSEARCH_PASSWORD_FILE", dir.resolve("absent").toString()), new Properties()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("MOORING_OPENSEARCH_PASSWORD_FILE=" + dir.resolve("absent"))
                .hasMessageContaining("cannot be read");
    }

    @Test
    void aServiceContextSeesTheFileContentAsTheSetting() throws IOException {
        Path password = Files.writeString(dir.resolve("sasl-password"), "mounted-secret\n");
        String property = "mooring.kafka.sasl-password-file";
        System.setProperty(property, password.toString());
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).start()) {
            assertThat(context.getProperty("mooring.kafka.sasl-password", String.class)).contains("mounted-secret");
        } finally {
            System.clearProperty(property);
        }
    }
}
