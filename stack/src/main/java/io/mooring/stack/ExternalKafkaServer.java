package io.mooring.stack;

import java.util.Map;

/** A broker started elsewhere: {@code MOORING_KAFKA_BOOTSTRAP}. */
public record ExternalKafkaServer(String bootstrapServers) implements KafkaServer {

    static ExternalKafkaServer fromEnvironment(Map<String, String> env) {
        String bootstrap = ExternalServer.variable(env, ServerProperties.KAFKA_BOOTSTRAP);
        return bootstrap == null ? null : new ExternalKafkaServer(bootstrap);
    }

    @Override
    public void start() {
        throw new IllegalStateException(ExternalServer.CANNOT_START);
    }

    @Override
    public boolean isRunning() {
        return true;
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
