package io.mooring.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealServersExtension.class)
class RedisIT {

    @Test
    void servesTlsVerifiedAgainstTheGeneratedCaWithAclUsers(RedisServer redis) {
        assertThat(redis.uri()).startsWith("rediss://mooring:").contains("@127.0.0.1:");
        RedisClient client = tlsClient(redis);
        try {
            try (StatefulRedisConnection<String, String> admin = client.connect(uri(redis))) {
                admin.sync().set("greeting", "hello over tls");
                assertThat(admin.sync().get("greeting")).isEqualTo("hello over tls");
                admin.sync().aclSetuser("it-app", AclSetuserArgs.Builder.on().addPassword("it-secret")
                        .keyPattern("app:*").addCommand(io.lettuce.core.protocol.CommandType.SET)
                        .addCommand(io.lettuce.core.protocol.CommandType.GET));
            }

            RedisURI asApp = uri(redis);
            asApp.setUsername("it-app");
            asApp.setPassword((CharSequence) "it-secret");
            try (StatefulRedisConnection<String, String> app = client.connect(asApp)) {
                app.sync().set("app:counter", "1");
                assertThat(app.sync().get("app:counter")).isEqualTo("1");
                // the service user may read everything; it-app may not
                assertThatThrownBy(() -> app.sync().get("greeting")).hasMessageContaining("NOPERM");
            }
        } finally {
            client.shutdown();
        }
    }

    @Test
    void refusesClientsThatDoNotLogInOrGiveAWrongPassword(RedisServer redis) {
        RedisClient client = tlsClient(redis);
        try {
            RedisURI anonymous = RedisURI.create(redis.uri().replaceFirst("//[^@/]*@", "//"));
            anonymous.setVerifyPeer(true);
            anonymous.setTimeout(Duration.ofSeconds(5));
            // Lettuce's first command (HELLO) is refused
            assertThatThrownBy(() -> client.connect(anonymous).close())
                    .isInstanceOf(RedisConnectionException.class)
                    .hasStackTraceContaining("NOAUTH");
            RedisURI wrongPassword = uri(redis);
            wrongPassword.setPassword((CharSequence) "not-the-password");
            assertThatThrownBy(() -> client.connect(wrongPassword).close())
                    .isInstanceOf(RedisConnectionException.class)
                    .hasStackTraceContaining("WRONGPASS");
            RedisURI defaultUser = uri(redis);
            defaultUser.setUsername("default");
            defaultUser.setPassword((CharSequence) "");
            assertThatThrownBy(() -> client.connect(defaultUser).close())
                    .isInstanceOf(RedisConnectionException.class)
                    .hasStackTraceContaining("WRONGPASS");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void refusesPlaintextConnections(RedisServer redis) {
        RedisURI plain = RedisURI.create(redis.uri().replace("rediss://", "redis://"));
        plain.setTimeout(Duration.ofSeconds(3));
        RedisClient client = RedisClient.create();
        try {
            assertThatThrownBy(() -> client.connect(plain).sync().ping())
                    .isInstanceOf(RedisConnectionException.class);
        } finally {
            client.shutdown();
        }
    }

    private static RedisURI uri(RedisServer redis) {
        RedisURI uri = RedisURI.create(redis.uri());
        uri.setVerifyPeer(true);
        uri.setTimeout(Duration.ofSeconds(5));
        return uri;
    }

    private static RedisClient tlsClient(RedisServer redis) {
        RedisClient client = RedisClient.create();
        client.setOptions(ClientOptions.builder()
                .sslOptions(SslOptions.builder().jdkSslProvider().trustManager(redis.caCertificate().toFile()).build())
                .build());
        return client;
    }
}
