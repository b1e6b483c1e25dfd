package io.mooring.platform;

import java.time.Duration;
import java.util.Map;

/**
 * Settings that make the services' replicas show their scale-out behaviour within seconds instead of minutes:
 * short Kafka sessions (a killed consumer's partitions move after 6 s, not 45 s), backups every minute with
 * short leases and heartbeats, short monitor intervals, and chat without grouping or long leases.
 */
final class FastReplicas {
    private FastReplicas() {
    }

    /** kafka-clients properties through {@code mooring.kafka.client.*}, as JVM system properties. */
    static Map<String, String> kafka() {
        return Map.of("JAVA_TOOL_OPTIONS", "-Dmooring.kafka.client.session.timeout.ms=6000"
                + " -Dmooring.kafka.client.heartbeat.interval.ms=1000");
    }

    static Map<String, String> backup() {
        return Map.ofEntries(
                Map.entry("MOORING_BACKUP_PROVISIONED_DATABASE_SCHEDULE", "* * * * *"),
                Map.entry("MOORING_BACKUP_SCHEDULE_CHECK_INTERVAL", "1s"),
                Map.entry("MOORING_BACKUP_SCHEDULE_INITIAL_DELAY", "0s"),
                Map.entry("MOORING_BACKUP_LEASE_TTL", "5s"),
                Map.entry("MOORING_BACKUP_HEARTBEAT_INTERVAL", "1s"),
                Map.entry("MOORING_BACKUP_STALE_AFTER", "5s"),
                Map.entry("MOORING_BACKUP_SWEEP_INTERVAL", "1s"),
                Map.entry("MOORING_BACKUP_SWEEP_INITIAL_DELAY", "0s"),
                Map.entry("MOORING_BACKUP_RETRY_DELAY", "1s"),
                Map.entry("MOORING_BACKUP_RETRY_MAX_DELAY", "2s"));
    }

    static Map<String, String> monitor(Duration interval) {
        return Map.of("MOORING_MONITOR_PROVISIONED_INTERVAL", interval.toSeconds() + "s",
                // results wait in Redis for a killed writer's successor no longer than this
                "MOORING_SCHEDULER_WRITER_LEASE_TTL", "2s");
    }

    static Map<String, String> chat(String webhook) {
        return Map.of(
                "MOORING_CHATOPS_WEBHOOK_URL", webhook,
                "MOORING_CHATOPS_WEBHOOK_KIND", "generic",
                "MOORING_CHATOPS_DELIVERY_GROUP_WAIT", "0s",
                "MOORING_CHATOPS_DELIVERY_LEASE_TTL", "4s",
                "MOORING_CHATOPS_READ_TIMEOUT", "2s");
    }
}
