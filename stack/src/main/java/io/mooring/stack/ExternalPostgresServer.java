package io.mooring.stack;

import java.util.Map;

/**
 * A PostgreSQL server started elsewhere: {@code MOORING_PG_HOST} and {@code MOORING_PG_PORT}, with
 * {@code MOORING_PG_USER} (default postgres) and {@code MOORING_PG_PASSWORD} (default empty).
 */
public record ExternalPostgresServer(String host, int port, String user, String password) implements PostgresServer {

    static ExternalPostgresServer fromEnvironment(Map<String, String> env) {
        String host = ExternalServer.variable(env, ServerProperties.PG_HOST);
        if (host == null) {
            return null;
        }
        String because = ServerProperties.environmentVariable(ServerProperties.PG_HOST);
        return new ExternalPostgresServer(host,
                Integer.parseInt(ExternalServer.required(env, ServerProperties.PG_PORT, because)),
                ExternalServer.orDefault(env, ServerProperties.PG_USER, "postgres"),
                ExternalServer.orDefault(env, ServerProperties.PG_PASSWORD, ""));
    }

    @Override
    public boolean external() {
        return true;
    }

    @Override
    public void stop() {
        throw new IllegalStateException(ExternalServer.CANNOT_STOP);
    }

    @Override
    public String toString() {
        return "ExternalPostgresServer[" + host + ":" + port + ", user " + user + "]";
    }
}
