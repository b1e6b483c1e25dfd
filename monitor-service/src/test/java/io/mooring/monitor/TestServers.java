package io.mooring.monitor;

import io.mooring.events.Topics;
import io.mooring.stack.ServerKind;
import io.mooring.testing.EventTopics;
import io.mooring.testing.RealServersProperties;

import java.util.Map;

/**
 * Settings for one IT class: the JVM's shared Kafka, Postgres and Redis, a database of its own, a
 * random HTTP port and two bearer tokens. Topics get one partition, so "B was applied" implies "A,
 * sent before B, was applied": tests can check that something did not happen without sleeping.
 */
public final class TestServers {
    public static final String OPERATOR_TOKEN = RealServersProperties.OPERATOR_TOKEN;
    public static final String READ_TOKEN = RealServersProperties.READ_TOKEN;

    private TestServers() {
    }

    public static Map<String, String> properties(Class<?> testClass) {
        Map<String, String> properties = RealServersProperties.forService("monitoring", testClass,
                ServerKind.KAFKA, ServerKind.POSTGRES, ServerKind.REDIS);
        properties.put("mooring.kafka.partitions", "1");
        // a schedule of its own in the shared Redis
        properties.put("mooring.scheduler.redis-prefix", "test:" + properties.get("mooring.pg.database") + ":");
        // tests look at the status page right after changing what it shows (StatusCacheIT keeps pages)
        properties.put("mooring.status.cache-ttl", "0s");
        // consumed but not produced here: in production its producer creates it
        try (EventTopics topics = new EventTopics(properties.get("mooring.kafka.bootstrap"))) {
            topics.create(1, Topics.PROVISIONING, Topics.BACKUPS, Topics.CHATOPS_COMMANDS);
        }
        return properties;
    }
}
