package io.mooring.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealServersExtension.class)
class ServersIT {

    @Test
    void sharesOneServerPerKindAndDescribesThemAsPropertiesAndEnvironment(KafkaServer kafka, S3Server s3) {
        assertThat(kafka).isSameAs(Servers.kafka());
        assertThat(s3).isSameAs(Servers.s3());

        Map<String, String> properties = Servers.properties(EnumSet.allOf(ServerKind.class));
        assertThat(properties).containsOnlyKeys(
                "mooring.kafka.bootstrap",
                "mooring.pg.host", "mooring.pg.port", "mooring.pg.user", "mooring.pg.password",
                "mooring.provisioner.targets.postgres.host", "mooring.provisioner.targets.postgres.port",
                "mooring.provisioner.targets.postgres.user", "mooring.provisioner.targets.postgres.password",
                "mooring.provisioner.targets.postgres.backup-role",
                "mooring.backup.sources.postgres.host", "mooring.backup.sources.postgres.port",
                "mooring.backup.sources.postgres.user", "mooring.backup.sources.postgres.password",
                "mooring.redis.uri", "mooring.redis.ca-file",
                "mooring.backup.sources.redis.uri", "mooring.backup.sources.redis.ca-file",
                "mooring.opensearch.url",
                "mooring.s3.endpoint", "mooring.s3.access-key", "mooring.s3.secret-key", "mooring.s3.region");
        assertThat(properties.get("mooring.provisioner.targets.postgres.port"))
                .as("tenant databases live on a server of their own")
                .isNotEqualTo(properties.get("mooring.pg.port"));
        assertThat(properties).containsEntry("mooring.kafka.bootstrap", kafka.bootstrapServers())
                .containsEntry("mooring.s3.endpoint", s3.endpoint());

        Map<String, String> environment = Servers.environment(ServerKind.REDIS, ServerKind.POSTGRES);
        assertThat(environment).containsOnlyKeys("MOORING_REDIS_URI", "MOORING_REDIS_CA_FILE",
                "MOORING_BACKUP_SOURCES_REDIS_URI", "MOORING_BACKUP_SOURCES_REDIS_CA_FILE",
                "MOORING_PG_HOST", "MOORING_PG_PORT", "MOORING_PG_USER", "MOORING_PG_PASSWORD");
        assertThat(environment.get("MOORING_REDIS_CA_FILE")).isEqualTo(Servers.redis().caCertificate().toString());
    }
}
