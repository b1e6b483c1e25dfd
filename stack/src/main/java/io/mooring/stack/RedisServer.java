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

    @Override
    default Map<String, String> properties() {
        return Map.of(
                ServerProperties.REDIS_URI, uri(),
                ServerProperties.REDIS_CA_FILE, caCertificate().toString());
    }
}
