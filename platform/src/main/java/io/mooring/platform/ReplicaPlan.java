package io.mooring.platform;

import java.util.Locale;
import java.util.Map;

/**
 * How many instances of each service {@code ./mooring up --replicas N} runs, and what tells them apart: replica 1
 * asks for the service's default port (8081..8085), replica {@code i} for that port plus {@code 100 × (i − 1)}
 * (8181, 8281, ...); each has its own log and, for the backup service, its own instance id. All replicas of a
 * service share its database, its Redis and its consumer groups.
 */
public record ReplicaPlan(int replicas) {
    public static final int MAX = 8;
    public static final int PORT_STEP = 100;

    public ReplicaPlan {
        if (replicas < 1 || replicas > MAX) {
            throw new IllegalArgumentException("--replicas must be from 1 to " + MAX + ", was " + replicas);
        }
    }

    /** One instance of each service, as {@code ./mooring up} runs without {@code --replicas}. */
    public static ReplicaPlan single() {
        return new ReplicaPlan(1);
    }

    /** The value of {@code --replicas}: a whole number from 1 to {@value #MAX}. */
    public static ReplicaPlan parse(String value) {
        if (value == null || !value.matches("[0-9]{1,3}")) {
            throw new IllegalArgumentException("--replicas must be a whole number from 1 to " + MAX + ", was '" + value + "'");
        }
        return new ReplicaPlan(Integer.parseInt(value));
    }

    /** The port replica {@code replica} (from 1) of {@code service} asks for; a taken one is replaced by a free one. */
    public int preferredPort(Service service, int replica) {
        check(replica);
        return service.defaultPort() + PORT_STEP * (replica - 1);
    }

    /** The name of a replica in logs and status lines: the service's id alone with one replica, else {@code <id>-<n>}. */
    public String name(Service service, int replica) {
        check(replica);
        return replicas == 1 ? service.id() : service.id() + "-" + replica;
    }

    /**
     * The variable in {@code .mooring/services.env} that holds the URL of a replica, read by {@code ./mooring status}:
     * {@code URL_<SERVICE>} for the first, {@code URL_<SERVICE>_<n>} for replica n after it.
     */
    public static String urlVariable(Service service, int replica) {
        String base = "URL_" + service.id().toUpperCase(Locale.ROOT).replace('-', '_');
        return replica == 1 ? base : base + "_" + replica;
    }

    /** Settings of one replica only: with several, the backup service's instance id is the replica's name. */
    public Map<String, String> environment(Service service, int replica) {
        check(replica);
        if (replicas > 1 && service == Service.BACKUP) {
            return Map.of("MOORING_BACKUP_INSTANCE_ID", name(service, replica));
        }
        return Map.of();
    }

    private void check(int replica) {
        if (replica < 1 || replica > replicas) {
            throw new IllegalArgumentException("replica " + replica + " is not in 1.." + replicas);
        }
    }
}
