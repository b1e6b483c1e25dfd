package io.mooring.stack;

import java.nio.file.Path;
import java.util.Map;

/** A Redis server that accepts TLS connections only. */
public interface RedisServer extends StackServer {

    /** {@code rediss://host:port}. */
    String uri();

    /** PEM file of the CA that signed the server certificate; clients verify the server against it. */
    Path caCertificate();

    @Override
    default ServerKind kind() {
        return ServerKind.REDIS;
    }

    /**
     * {@code rediss://user:password@host:port} of the backup service's ACL user, where the server has
     * one ({@code DUMP}, {@code RESTORE}, {@code SCAN}, {@code PTTL} on {@code acct:*}).
     */
    default java.util.Optional<String> backupUri() {
        return java.util.Optional.empty();
    }

    @Override
    default Map<String, String> properties() {
        Map<String, String> properties = new java.util.HashMap<>(Map.of(
                ServerProperties.REDIS_URI, uri(),
                ServerProperties.REDIS_CA_FILE, caCertificate().toString()));
        backupUri().ifPresent(uri -> {
            properties.put(ServerProperties.BACKUP_REDIS_URI, uri);
            properties.put(ServerProperties.BACKUP_REDIS_CA_FILE, caCertificate().toString());
        });
        return Map.copyOf(properties);
    }
}
