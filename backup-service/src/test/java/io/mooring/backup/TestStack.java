package io.mooring.backup;

import io.mooring.stack.ServerKind;
import io.mooring.stack.Servers;
import io.mooring.testing.RealServersProperties;

import java.util.Map;

/** Settings that point the service at the shared Kafka, Postgres and Redis, with a database of its own per test class. */
public final class TestStack {
    public static final String OPERATOR_TOKEN = RealServersProperties.OPERATOR_TOKEN;
    public static final String READ_TOKEN = RealServersProperties.READ_TOKEN;

    private TestStack() {
    }

    public static Map<String, String> properties(Class<?> testClass) {
        return RealServersProperties.forService("backups", testClass, ServerKind.KAFKA, ServerKind.POSTGRES, ServerKind.REDIS);
    }

    public static String kafkaBootstrap() {
        return Servers.kafka().bootstrapServers();
    }
}
