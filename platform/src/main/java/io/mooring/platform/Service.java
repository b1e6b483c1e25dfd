package io.mooring.platform;

import java.nio.file.Path;
import java.util.Optional;

/** The five services: module name, default port and the database each owns. */
public enum Service {
    PROVISIONER("provisioner", 8081, "provisioner"),
    BACKUP("backup-service", 8082, "backups"),
    MONITOR("monitor-service", 8083, "monitoring"),
    SEARCH("search-indexer", 8084, null),
    CHATOPS("chatops-relay", 8085, null);

    private final String id;
    private final int defaultPort;
    private final String database;

    Service(String id, int defaultPort, String database) {
        this.id = id;
        this.defaultPort = defaultPort;
        this.database = database;
    }

    public String id() {
        return id;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The Postgres database the service owns, if any. */
    public Optional<String> database() {
        return Optional.ofNullable(database);
    }

    /** The runnable jar Maven builds for the service. */
    public Path jar(Path root, String version) {
        return root.resolve(id).resolve("target").resolve(id + "-" + version + "-all.jar");
    }
}
