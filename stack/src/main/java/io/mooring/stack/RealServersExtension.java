package io.mooring.stack;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5: resolves parameters of type {@link KafkaServer}, {@link PostgresServer}, {@link RedisServer},
 * {@link OpenSearchServer} and {@link S3Server} (test methods, constructors, lifecycle methods) to the
 * JVM-wide shared servers of {@link Servers}, starting them on first use.
 */
public final class RealServersExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return ServerKind.forType(parameter.getParameter().getType()).isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return Servers.get(ServerKind.forType(parameter.getParameter().getType()).orElseThrow());
    }
}
