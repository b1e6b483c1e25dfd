package io.mooring.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

/** The local platform's servers keep their data, and their passwords, across restarts. */
class PersistentPasswordsIT {

    @Test
    void postgresKeepsItsGeneratedSuperuserPasswordAndItsTenantRolesAcrossARestart() throws Exception {
        Path dir = Servers.runDir().resolve("persistent-postgres");
        EmbeddedPostgresServer first = EmbeddedPostgresServer.start(dir, true);
        String password = first.password();
        try (Connection c = DriverManager.getConnection(first.jdbcUrl("postgres"), first.user(), password);
             Statement s = c.createStatement()) {
            s.execute("CREATE ROLE it_kept LOGIN PASSWORD 'kept-secret'");
        } finally {
            first.stop();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("superuser-password"))))
                .isEqualTo("rw-------");

        EmbeddedPostgresServer second = EmbeddedPostgresServer.start(dir, true);
        try {
            assertThat(second.password()).isEqualTo(password);
            try (Connection c = DriverManager.getConnection(second.jdbcUrl("postgres"), "it_kept", "kept-secret")) {
                assertThat(c.isValid(2)).isTrue();
            }
            assertThatThrownBy(() -> DriverManager.getConnection(second.jdbcUrl("postgres"), "it_kept", "guess").close())
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
        } finally {
            second.stop();
        }
    }

    @Test
    void redisKeepsSavedTenantUsersAndTheDefaultUserStaysOffAcrossARestart() {
        Path dir = Servers.runDir().resolve("persistent-redis");
        EmbeddedRedisServer first = EmbeddedRedisServer.start(dir, true);
        String uri = first.uri();
        RedisClient client = client(first);
        try (StatefulRedisConnection<String, String> admin = client.connect(verified(uri))) {
            admin.sync().aclSetuser("it-tenant", AclSetuserArgs.Builder.on().addPassword("tenant-secret").keyPattern("t:*")
                    .addCommand(io.lettuce.core.protocol.CommandType.GET));
            admin.sync().aclSave();
        } finally {
            client.shutdown();
            first.stop();
        }

        EmbeddedRedisServer second = EmbeddedRedisServer.start(dir, true);
        RedisClient again = client(second);
        try {
            String secondUri = second.uri();
            assertThat(secondUri.replaceFirst("@.*", "")).isEqualTo(uri.replaceFirst("@.*", ""));
            try (StatefulRedisConnection<String, String> admin = again.connect(verified(secondUri))) {
                assertThat(admin.sync().aclUsers()).contains("it-tenant", "mooring", "default");
            }
            RedisURI tenant = verified(secondUri);
            tenant.setUsername("it-tenant");
            tenant.setPassword((CharSequence) "tenant-secret");
            try (StatefulRedisConnection<String, String> connection = again.connect(tenant)) {
                assertThat(connection.sync().get("t:x")).isNull();
            }
            assertThatThrownBy(() -> again.connect(verified(secondUri.replaceFirst("//[^@/]*@", "//"))).close())
                    .isInstanceOf(RedisConnectionException.class)
                    .hasStackTraceContaining("NOAUTH");
        } finally {
            again.shutdown();
            second.stop();
        }
    }

    private static RedisURI verified(String uri) {
        RedisURI parsed = RedisURI.create(uri);
        parsed.setVerifyPeer(true);
        parsed.setTimeout(Duration.ofSeconds(5));
        return parsed;
    }

    private static RedisClient client(RedisServer redis) {
        RedisClient client = RedisClient.create();
        client.setOptions(ClientOptions.builder()
                .sslOptions(SslOptions.builder().jdkSslProvider().trustManager(redis.caCertificate().toFile()).build())
                .build());
        return client;
    }
}
