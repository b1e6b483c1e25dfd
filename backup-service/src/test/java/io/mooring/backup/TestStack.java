package io.mooring.backup;

import io.mooring.stack.ServerKind;
import io.mooring.stack.Servers;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Settings that point the service at the shared Kafka and Postgres, with a database of its own per test class. */
public final class TestStack {
    public static final String OPERATOR_TOKEN = "operator-token-for-tests";
    public static final String READ_TOKEN = "read-token-for-tests";

    private TestStack() {
    }

    public static Map<String, String> properties(Class<?> testClass) {
        Map<String, String> properties = new HashMap<>(Servers.properties(ServerKind.KAFKA, ServerKind.POSTGRES, ServerKind.REDIS));
        String database = "backups_" + testClass.getSimpleName().toLowerCase(Locale.ROOT) + "_"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        Servers.postgres().createDatabase(database);
        properties.put("mooring.pg.database", database);
        properties.put("micronaut.server.port", "-1");
        properties.put("mooring.auth.operator-tokens", OPERATOR_TOKEN);
        properties.put("mooring.auth.read-tokens", READ_TOKEN);
        return properties;
    }

    public static String kafkaBootstrap() {
        return Servers.kafka().bootstrapServers();
    }
}
