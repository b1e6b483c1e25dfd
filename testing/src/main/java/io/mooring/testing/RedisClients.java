package io.mooring.testing;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.mooring.stack.Servers;

import java.time.Duration;

/**
 * Lettuce clients of the test JVM's shared Redis, over TLS with its CA verified. They do not
 * reconnect on their own, so a connection the server closed (a user switched off, killed) stays
 * closed, as a test expects to see it. Needs lettuce-core on the test classpath.
 */
public final class RedisClients {
    private RedisClients() {
    }

    /** As the services' user of the shared server. */
    public static RedisClient admin() {
        return verified(RedisURI.create(Servers.redis().uri()));
    }

    /** As {@code user} with {@code password} on the shared server (e.g. a tenant's ACL user). */
    public static RedisClient as(String user, String password) {
        RedisURI uri = RedisURI.create(Servers.redis().uri());
        uri.setUsername(user);
        uri.setPassword(password.toCharArray());
        return verified(uri);
    }

    /** {@code uri} (of the shared server) with the server's certificate checked against its CA. */
    public static RedisClient verified(RedisURI uri) {
        uri.setVerifyPeer(true);
        uri.setTimeout(Duration.ofSeconds(5));
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .sslOptions(SslOptions.builder().jdkSslProvider().trustManager(Servers.redis().caCertificate().toFile()).build())
                .build());
        return client;
    }
}
