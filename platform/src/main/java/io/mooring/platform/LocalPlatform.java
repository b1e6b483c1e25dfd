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
 * The five services as child processes, pointed at servers by {@code MOORING_*} environment
 * variables. Starting waits until every {@code /health} answers UP.
 */
public final class LocalPlatform implements AutoCloseable {
    private final Map<Service, ServiceProcess> processes = new EnumMap<>(Service.class);

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
        for (Service service : Service.values()) {
            Map<String, String> env = new HashMap<>(serverEnv);
            env.putAll(extraEnv);
            env.putAll(serviceEnv.getOrDefault(service, Map.of()));
            String database = databaseNames.get(service);
            if (database != null) {
                env.put("MOORING_PG_DATABASE", database);
            }
            processes.put(service, new ServiceProcess(service, ports.applyAsInt(service.defaultPort()),
                    service.jar(root, version), env, logDir));
        }
    }

    public void start(Duration timeout) throws IOException {
        for (ServiceProcess process : processes.values()) {
            process.start();
        }
        awaitHealthy(timeout);
    }

    private void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<ServiceProcess> waiting = new ArrayList<>(processes.values());
        while (!waiting.isEmpty()) {
            for (ServiceProcess process : List.copyOf(waiting)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(process.service().id() + " exited during start-up; last log lines:\n"
                            + process.logTail(40));
                }
                if ("UP".equals(process.health())) {
                    waiting.remove(process);
                }
            }
            if (Instant.now().isAfter(deadline)) {
                ServiceProcess first = waiting.getFirst();
                throw new IllegalStateException(first.service().id() + " not healthy after " + timeout.toSeconds()
                        + " s (health: " + first.health() + "); last log lines:\n" + first.logTail(40));
            }
            pause(Duration.ofMillis(500));
        }
    }

    public ServiceProcess process(Service service) {
        return processes.get(service);
    }

    public String url(Service service) {
        return processes.get(service).url();
    }

    public Map<Service, ServiceProcess> processes() {
        return Map.copyOf(processes);
    }

    @Override
    public void close() {
        List<Thread> stoppers = new ArrayList<>();
        for (ServiceProcess process : processes.values()) {
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
