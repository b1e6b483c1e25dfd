package io.mooring.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.MountableFile;

/** The container provider's choice and definitions, checked without a Docker engine (none here). */
class ContainerServersTest {

    @Test
    void providerIsEmbeddedUnlessTestcontainersIsAsked() {
        assertThat(ServerProvider.from(null, Map.of())).isEqualTo(ServerProvider.EMBEDDED);
        assertThat(ServerProvider.from(" ", Map.of("MOORING_SERVERS", ""))).isEqualTo(ServerProvider.EMBEDDED);
        assertThat(ServerProvider.from(null, Map.of("MOORING_SERVERS", "Testcontainers"))).isEqualTo(ServerProvider.TESTCONTAINERS);
        assertThat(ServerProvider.from("testcontainers", Map.of())).isEqualTo(ServerProvider.TESTCONTAINERS);
        assertThat(ServerProvider.from("embedded", Map.of("MOORING_SERVERS", "testcontainers")))
                .as("the system property wins").isEqualTo(ServerProvider.EMBEDDED);
        assertThatThrownBy(() -> ServerProvider.from("docker", Map.of()))
                .hasMessage("mooring.servers (MOORING_SERVERS) must be 'embedded' or 'testcontainers', was 'docker'");
    }

    @Test
    void kafkaIsKraftOnAFixedHostPort() {
        var kafka = ContainerServers.kafka(45678);
        assertThat(kafka.getPortBindings()).containsExactly("45678:9092/tcp");
        assertThat(kafka.getEnvMap()).containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true");
    }

    @Test
    void postgresMatchesTheMajorVersionOfTheBackupToolsAndTakesThePasswordGiven() {
        var postgres = ContainerServers.postgres("s3cret");
        assertThat(ContainerServers.POSTGRES_IMAGE).isEqualTo("postgres:15");
        assertThat(postgres.getUsername()).isEqualTo("postgres");
        assertThat(postgres.getPassword()).isEqualTo("s3cret");
    }

    @Test
    void redisSpeaksTlsOnlyWithTheEmbeddedServersUsersAndTheDevCertificatesMounted(@TempDir Path dir) throws IOException {
        GenericContainer<?> redis = ContainerServers.redis(dir, "service-pass", "backup-pass");
        assertThat(redis.getCommandParts()).containsExactly("redis-server", "/usr/local/etc/redis/redis.conf");
        assertThat(redis.getExposedPorts()).containsExactly(6379);
        assertThat(redis.getCopyToFileContainerPathMap().values())
                .containsExactlyInAnyOrder("/usr/local/etc/redis/redis.conf", "/tls/ca.crt", "/tls/server.crt", "/tls/server.key");
        for (MountableFile file : redis.getCopyToFileContainerPathMap().keySet()) {
            assertThat(Path.of(file.getResolvedPath())).exists();
        }
        List<String> config = Files.readAllLines(dir.resolve("redis.conf"));
        assertThat(config).contains("port 0", "tls-port 6379", "tls-cert-file /tls/server.crt", "tls-auth-clients no",
                "user default off resetpass resetkeys resetchannels -@all");
        assertThat(config).anyMatch(line -> line.startsWith("user mooring on #" + Secrets.sha256Hex("service-pass")));
        assertThat(config).anyMatch(line -> line.startsWith("user mooring-backup on #" + Secrets.sha256Hex("backup-pass"))
                && line.endsWith(EmbeddedRedisServer.BACKUP_RULES));
        assertThat(String.join("\n", config)).doesNotContain("service-pass", "backup-pass");
    }

    @Test
    void openSearchRunsWithoutItsSecurityPluginAndWithTheHeapGiven() {
        GenericContainer<?> openSearch = ContainerServers.openSearch("2g");
        assertThat(openSearch.getEnvMap())
                .containsEntry("discovery.type", "single-node")
                .containsEntry("DISABLE_SECURITY_PLUGIN", "true")
                .containsEntry("OPENSEARCH_JAVA_OPTS", "-Xms2g -Xmx2g");
        assertThat(openSearch.getExposedPorts()).containsExactly(9200);
    }

    @Test
    void minioTakesTheGeneratedSecretKey() {
        var minio = ContainerServers.minio("generated");
        assertThat(minio.getUserName()).isEqualTo("mooring");
        assertThat(minio.getPassword()).isEqualTo("generated");
    }

    /** Tests with containers use the images the compose file runs (PostgreSQL apart: see ContainerServers). */
    @Test
    void imagesAreTheComposeFiles() throws IOException {
        String compose = Files.readString(Path.of("..", "docker-compose.yml"));
        for (String image : List.of(ContainerServers.KAFKA_IMAGE, ContainerServers.REDIS_IMAGE,
                ContainerServers.OPENSEARCH_IMAGE, ContainerServers.MINIO_IMAGE)) {
            String repository = image.substring(0, image.lastIndexOf(':'));
            Matcher m = Pattern.compile("image: " + Pattern.quote(repository) + ":(\\S+)").matcher(compose);
            assertThat(m.find()).as("compose runs %s", repository).isTrue();
            assertThat(repository + ":" + m.group(1)).isEqualTo(image);
        }
    }
}
