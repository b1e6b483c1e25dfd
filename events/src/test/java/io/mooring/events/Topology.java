package io.mooring.events;

import java.util.List;
import java.util.Map;

/** Who produces and who consumes each topic, as in the services table of ARCHITECTURE.md. */
final class Topology {

    static final List<String> SERVICES = List.of(
            "provisioner", "backup-service", "monitor-service", "search-indexer", "chatops-relay");

    static final Map<String, String> PRODUCER = Map.of(
            Topics.PROVISIONING, "provisioner",
            Topics.BACKUPS, "backup-service",
            Topics.MONITORING, "monitor-service",
            Topics.CONTENT_STATUSES, "search-indexer",
            Topics.CHATOPS_COMMANDS, "chatops-relay");

    static final Map<String, List<String>> CONSUMERS = Map.of(
            Topics.PROVISIONING, List.of("backup-service", "monitor-service", "search-indexer", "chatops-relay"),
            Topics.BACKUPS, List.of("monitor-service", "search-indexer", "chatops-relay"),
            Topics.MONITORING, List.of("search-indexer", "chatops-relay"),
            Topics.CONTENT_STATUSES, List.of("search-indexer"),
            Topics.CHATOPS_COMMANDS, List.of("provisioner", "backup-service", "monitor-service", "search-indexer"));

    private Topology() {
    }
}
