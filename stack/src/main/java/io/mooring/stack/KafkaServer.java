package io.mooring.stack;

import java.util.Map;

/** A Kafka broker reachable over PLAINTEXT. */
public interface KafkaServer extends StackServer {

    /** {@code host:port} for {@code bootstrap.servers}. */
    String bootstrapServers();

    /** Starts a stopped broker again, on the same port and with the same data. No-op when running. */
    void start();

    boolean isRunning();

    @Override
    default ServerKind kind() {
        return ServerKind.KAFKA;
    }

    @Override
    default Map<String, String> properties() {
        return Map.of(ServerProperties.KAFKA_BOOTSTRAP, bootstrapServers());
    }
}
