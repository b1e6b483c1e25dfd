package io.mooring.backup.source;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.micronaut.context.annotation.Value;
import io.mooring.runtime.redis.RedisConnections;
import io.mooring.runtime.redis.RedisSettings;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * The tenant Redis as the backup user sees it ({@code mooring.backup.sources.redis.{uri,ca-file}}):
 * over TLS with the CA verified, as an ACL user allowed {@code DUMP}, {@code RESTORE}, {@code SCAN},
 * {@code PTTL} (and {@code INFO} for the server version) on {@code acct:*}. The password goes in the
 * URI, which may come from a file ({@code MOORING_BACKUP_SOURCES_REDIS_URI_FILE}).
 */
@Singleton
public class RedisSource {
    private final RedisSettings settings;
    private RedisClient client;

    public RedisSource(@Value("${mooring.backup.sources.redis.uri:}") String uri,
                       @Value("${mooring.backup.sources.redis.ca-file:}") String caFile,
                       @Value("${mooring.backup.sources.redis.allow-plaintext:false}") boolean allowPlaintext,
                       @Value("${mooring.backup.sources.redis.timeout:30s}") Duration timeout) {
        settings = new RedisSettings();
        settings.setUri(uri);
        settings.setCaFile(caFile);
        settings.setAllowPlaintext(allowPlaintext);
        settings.setTimeout(timeout);
        settings.setConnectTimeout(Duration.ofSeconds(5));
    }

    public boolean configured() {
        return settings.getUri() != null && !settings.getUri().isBlank();
    }

    /** A new binary-safe connection; the caller closes it. */
    public StatefulRedisConnection<byte[], byte[]> connect() {
        return client().connect(ByteArrayCodec.INSTANCE);
    }

    private synchronized RedisClient client() {
        if (!configured()) {
            throw new IllegalStateException("mooring.backup.sources.redis.uri is not set");
        }
        if (client == null) {
            try {
                client = RedisConnections.create(settings);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(e.getMessage().replace("mooring.redis.", "mooring.backup.sources.redis."), e);
            }
        }
        return client;
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.shutdown();
        }
    }
}
