package io.mooring.stack;

import java.nio.file.Path;
import java.util.Map;

/** A TLS Redis started elsewhere: {@code MOORING_REDIS_URI} and {@code MOORING_REDIS_CA_FILE}. */
public record ExternalRedisServer(String uri, Path caCertificate) implements RedisServer {

    static ExternalRedisServer fromEnvironment(Map<String, String> env) {
        String uri = ExternalServer.variable(env, ServerProperties.REDIS_URI);
        if (uri == null) {
            return null;
        }
        String ca = ExternalServer.required(env, ServerProperties.REDIS_CA_FILE,
                ServerProperties.environmentVariable(ServerProperties.REDIS_URI));
        return new ExternalRedisServer(uri, Path.of(ca).toAbsolutePath());
    }

    @Override
    public boolean external() {
        return true;
    }

    @Override
    public void stop() {
        throw new IllegalStateException(ExternalServer.CANNOT_STOP);
    }
}
