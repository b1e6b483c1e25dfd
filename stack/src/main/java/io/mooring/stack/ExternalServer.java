package io.mooring.stack;

import java.util.Map;
import java.util.Optional;

/** Reads the environment variables that name an already running server. */
final class ExternalServer {

    static final String CANNOT_STOP = "external server: cannot stop";
    static final String CANNOT_START = "external server: cannot start";

    private ExternalServer() {
    }

    /** The external server of this kind named by {@code env}, if its main variable is set. */
    static Optional<StackServer> fromEnvironment(ServerKind kind, Map<String, String> env) {
        return Optional.ofNullable(switch (kind) {
            case KAFKA -> ExternalKafkaServer.fromEnvironment(env);
            case POSTGRES -> ExternalPostgresServer.fromEnvironment(env);
            case TENANT_POSTGRES -> TenantPostgresServer.fromEnvironment(env);
            case REDIS -> ExternalRedisServer.fromEnvironment(env);
            case OPENSEARCH -> ExternalOpenSearchServer.fromEnvironment(env);
            case S3 -> ExternalS3Server.fromEnvironment(env);
        });
    }

    static String variable(Map<String, String> env, String property) {
        String value = env.get(ServerProperties.environmentVariable(property));
        return value == null || value.isBlank() ? null : value.trim();
    }

    static String required(Map<String, String> env, String property, String because) {
        String value = variable(env, property);
        if (value == null) {
            throw new IllegalStateException(ServerProperties.environmentVariable(property) + " must be set when "
                    + because + " is set");
        }
        return value;
    }

    static String orDefault(Map<String, String> env, String property, String fallback) {
        String value = variable(env, property);
        return value == null ? fallback : value;
    }
}
