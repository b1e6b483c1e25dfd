package io.mooring.platform;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * The five services as child processes, one or more replicas each,, pointed at servers by {@code MOORING_*} environment
 * variables. Starting waits until every {@code /health} answers UP.
 */
public final class LocalPlatform implements AutoCloseable {
    private final Map<Service, List<ServiceProcess>> processes = new EnumMap<>(Service.class);

    /**
     * @param root          the repository root (service jars under {@code <module>/target})
     * @param version       the project version in the jar names
     * @param serverEnv     connection settings of the servers, as {@code MOORING_*} variables
     * @param databaseNames the database each Postgres-backed service uses
     * @param extraEnv      settings for every service (tokens)
     * @param serviceEnv    settings for one service only (the chat targets of the chat-ops relay)
     * @param ports         chooses the port of each service from its default
     */
    public LocalPlatform(Path root, String version, Map<String, String> serverEnv, Map<Service, String> databaseNames,
                         Map<String, String> extraEnv, Map<Service, Map<String, String>> serviceEnv, IntUnaryOperator ports,
                         Path logDir) {
        this(root, version, serverEnv, databaseNames, extraEnv, serviceEnv, ReplicaPlan.single(), ports, logDir);
    }

    /**
     * {@code plan.replicas()} instances of each service, sharing its settings; {@code ports} turns each replica's
     * preferred port ({@link ReplicaPlan#preferredPort}) into the one it gets.
     */
    public LocalPlatform(Path root, String version, Map<String, String> serverEnv, Map<Service, String> databaseNames,
                         Map<String, String> extraEnv, Map<Service, Map<String, String>> serviceEnv, ReplicaPlan plan,
                         IntUnaryOperator ports, Path logDir) {
        for (Service service : Service.values()) {
            Map<String, String> env = new HashMap<>(serverEnv);
            env.putAll(extraEnv);
            env.putAll(serviceEnv.getOrDefault(service, Map.of()));
            String database = databaseNames.get(service);
            if (database != null) {
                env.put("MOORING_PG_DATABASE", database);
            }
            List<ServiceProcess> replicas = new ArrayList<>();
            for (int replica = 1; replica <= plan.replicas(); replica++) {
                Map<String, String> own = new HashMap<>(env);
                own.putAll(plan.environment(service, replica));
                replicas.add(new ServiceProcess(service, plan.name(service, replica),
                        ports.applyAsInt(plan.preferredPort(service, replica)), service.jar(root, version), own, logDir));
            }
            processes.put(service, List.copyOf(replicas));
        }
    }

    public void start(Duration timeout) throws IOException {
        for (ServiceProcess process : all()) {
            process.start();
        }
        awaitHealthy(timeout);
    }

    private void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<ServiceProcess> waiting = new ArrayList<>(all());
        while (!waiting.isEmpty()) {
            for (ServiceProcess process : List.copyOf(waiting)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(process.name() + " exited during start-up; last log lines:\n"
                            + process.logTail(40));
                }
                if ("UP".equals(process.health())) {
                    waiting.remove(process);
                }
            }
            if (Instant.now().isAfter(deadline)) {
                ServiceProcess first = waiting.getFirst();
                throw new IllegalStateException(first.name() + " not healthy after " + timeout.toSeconds()
                        + " s (health: " + first.health() + "); last log lines:\n" + first.logTail(40));
            }
            pause(Duration.ofMillis(500));
        }
    }

    /** The first replica of {@code service}. */
    public ServiceProcess process(Service service) {
        return processes.get(service).getFirst();
    }

    /** The URL of the first replica of {@code service}. */
    public String url(Service service) {
        return process(service).url();
    }

    /** Every replica of {@code service}, the first first. */
    public List<ServiceProcess> replicas(Service service) {
        return processes.get(service);
    }

    /** Every replica of every service, in service order. */
    public List<ServiceProcess> all() {
        return processes.values().stream().flatMap(List::stream).toList();
    }

    @Override
    public void close() {
        List<Thread> stoppers = new ArrayList<>();
        for (ServiceProcess process : all()) {
            stoppers.add(Thread.ofPlatform().start(() -> process.stop(Duration.ofSeconds(20))));
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
