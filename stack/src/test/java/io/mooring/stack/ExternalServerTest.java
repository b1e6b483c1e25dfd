package io.mooring.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class ExternalServerTest {

    private static final Map<String, String> ENV = Map.ofEntries(
            Map.entry("MOORING_KAFKA_BOOTSTRAP", "kafka:9092"),
            Map.entry("MOORING_PG_HOST", "db"), Map.entry("MOORING_PG_PORT", "5433"),
            Map.entry("MOORING_PG_USER", "app"), Map.entry("MOORING_PG_PASSWORD", "pw"),
            Map.entry("MOORING_PROVISIONER_TARGETS_POSTGRES_HOST", "tenants"),
            Map.entry("MOORING_PROVISIONER_TARGETS_POSTGRES_PORT", "5434"),
            Map.entry("MOORING_PROVISIONER_TARGETS_POSTGRES_USER", "provisioner"),
            Map.entry("MOORING_PROVISIONER_TARGETS_POSTGRES_PASSWORD", "tpw"),
            Map.entry("MOORING_REDIS_URI", "rediss://cache:6380"), Map.entry("MOORING_REDIS_CA_FILE", "/etc/ca.crt"),
            Map.entry("MOORING_OPENSEARCH_URL", "http://search:9200"),
            Map.entry("MOORING_S3_ENDPOINT", "http://s3:8080"), Map.entry("MOORING_S3_ACCESS_KEY", "ak"),
            Map.entry("MOORING_S3_SECRET_KEY", "sk"));

    @Test
    void environmentVariablesNameExternalServersWhoseSettingsRoundTrip() {
        Map<String, String> seen = new TreeMap<>();
        for (ServerKind kind : ServerKind.values()) {
            StackServer server = ExternalServer.fromEnvironment(kind, ENV).orElseThrow();
            assertThat(server.external()).isTrue();
            assertThat(server.kind()).isEqualTo(kind);
            assertThat(kind.type().isInstance(server)).isTrue();
            seen.putAll(server.environment());
        }
        Map<String, String> expected = new TreeMap<>(ENV);
        expected.put("MOORING_S3_REGION", "us-east-1");
        assertThat(seen).isEqualTo(expected);
        assertThat(((RedisServer) ExternalServer.fromEnvironment(ServerKind.REDIS, ENV).orElseThrow()).caCertificate())
                .isEqualTo(Path.of("/etc/ca.crt"));
    }

    @Test
    void externalServersCannotBeStoppedOrStarted() {
        KafkaServer kafka = (KafkaServer) ExternalServer.fromEnvironment(ServerKind.KAFKA, ENV).orElseThrow();
        assertThatThrownBy(kafka::stop).isInstanceOf(IllegalStateException.class)
                .hasMessage("external server: cannot stop");
        assertThatThrownBy(kafka::start).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(ExternalServer.fromEnvironment(ServerKind.S3, ENV).orElseThrow()::stop)
                .hasMessage("external server: cannot stop");
    }

    @Test
    void unsetVariablesMeanEmbeddedAndIncompleteOnesFailClearly() {
        assertThat(ExternalServer.fromEnvironment(ServerKind.OPENSEARCH, Map.of())).isEmpty();
        assertThatThrownBy(() -> ExternalServer.fromEnvironment(ServerKind.POSTGRES, Map.of("MOORING_PG_HOST", "db")))
                .hasMessageContaining("MOORING_PG_PORT");
        assertThatThrownBy(() -> ExternalServer.fromEnvironment(ServerKind.REDIS,
                Map.of("MOORING_REDIS_URI", "rediss://cache:6380"))).hasMessageContaining("MOORING_REDIS_CA_FILE");
    }

    @Test
    void propertyNamesMapToEnvironmentVariableNames() {
        assertThat(ServerProperties.environmentVariable(ServerProperties.REDIS_CA_FILE)).isEqualTo("MOORING_REDIS_CA_FILE");
        assertThat(ServerProperties.environmentVariable(ServerProperties.S3_ACCESS_KEY)).isEqualTo("MOORING_S3_ACCESS_KEY");
        assertThat(ServerProperties.environmentVariable(ServerProperties.KAFKA_BOOTSTRAP))
                .isEqualTo("MOORING_KAFKA_BOOTSTRAP");
    }
}
