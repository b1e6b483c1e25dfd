package io.mooring.runtime.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.io.File;

/** Lettuce clients over TLS with the CA verified; plain TCP only where a setting allows it. */
@Factory
@Requires(property = "mooring.redis.uri")
public class RedisConnections {

    @Singleton
    @Bean(preDestroy = "shutdown")
    public RedisClient redisClient(RedisSettings settings) {
        return create(settings);
    }

    @Singleton
    @Bean(preDestroy = "close")
    public StatefulRedisConnection<String, String> redisConnection(RedisClient client) {
        return client.connect();
    }

    /** A client for {@code settings}; rejects {@code redis://} unless plaintext is allowed. */
    public static RedisClient create(RedisSettings settings) {
        if (settings.getUri() == null || settings.getUri().isBlank()) {
            throw new IllegalArgumentException("mooring.redis.uri is not set");
        }
        RedisURI uri = RedisURI.create(settings.getUri());
        if (!uri.isSsl() && !settings.isAllowPlaintext()) {
            throw new IllegalArgumentException("mooring.redis.uri must use rediss:// (TLS); set "
                    + "mooring.redis.allow-plaintext=true to allow plain TCP");
        }
        uri.setTimeout(settings.getTimeout());
        if (uri.isSsl()) {
            uri.setVerifyPeer(SslVerifyMode.FULL);
        }
        RedisClient client = RedisClient.create(uri);
        SslOptions.Builder ssl = SslOptions.builder().jdkSslProvider();
        if (settings.getCaFile() != null && !settings.getCaFile().isBlank()) {
            ssl.trustManager(new File(settings.getCaFile()));
        }
        client.setOptions(ClientOptions.builder()
                .sslOptions(ssl.build())
                .socketOptions(SocketOptions.builder().connectTimeout(settings.getConnectTimeout()).keepAlive(true).build())
                // async and reactive commands time out too, not only the synchronous API
                .timeoutOptions(TimeoutOptions.enabled(settings.getTimeout()))
                // while disconnected, fail at once instead of queueing commands until the timeout
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        return client;
    }
}
