package io.mooring.monitor.probe;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Runs {@link Check.Kafka}: a TCP connect to the bootstrap servers (so that a refused or unknown
 * server is said at once, not after the timeout), then an Admin client's {@code describeCluster}
 * within what is left of the timeout. The client lives for one check, on a virtual thread of its own
 * that closes it when its call ends (the call is bounded by the same timeout), so a slow cluster holds
 * the checker no longer than the timeout and no client thread is left behind.
 */
final class KafkaProbe {
    /** Prefix of each probe's client id, and so of its network thread's name. */
    static final String CLIENT_ID_PREFIX = "mooring-monitor-kafka-";
    private static final AtomicLong CLIENTS = new AtomicLong();

    private final ProbeCredentials credentials;

    KafkaProbe(ProbeCredentials credentials) {
        this.credentials = credentials;
    }

    ProbeResult check(Check.Kafka check, Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        Map<String, Object> security = Map.of();
        if (check.credentials() != null) {
            Optional<Map<String, Object>> configured = credentials.kafka(check.credentials());
            if (configured.isEmpty()) {
                return ProbeResult.down(Duration.ZERO, "no Kafka credentials named '" + check.credentials()
                        + "' are configured (mooring.probes.kafka." + check.credentials() + ".*)");
            }
            security = configured.get();
        }
        String unreachable = firstReachable(check, timeout);
        if (unreachable != null) {
            return ProbeResult.down(since(started), unreachable);
        }
        int millisLeft = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        Map<String, Object> properties = properties(check, security, millisLeft);
        // the client runs on a thread of its own: creating it may resolve names, closing it joins its network
        // thread, and neither may hold the checker past the timeout; it closes itself once its call ends
        CompletableFuture<ProbeResult> described = new CompletableFuture<>();
        Thread.ofVirtual().name("kafka-probe-" + properties.get(AdminClientConfig.CLIENT_ID_CONFIG))
                .start(() -> described.complete(describe(properties, millisLeft, started)));
        try {
            return described.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return ProbeResult.down(since(started), "timed out after " + timeout.toMillis() + " ms: no metadata from "
                    + bootstrap(check));
        } catch (ExecutionException e) {
            return ProbeResult.down(since(started), Failures.reason(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.down(since(started), "interrupted");
        }
    }

    private static ProbeResult describe(Map<String, Object> properties, int millis, long started) {
        Admin admin;
        try {
            admin = Admin.create(properties);
        } catch (KafkaException e) {
            return ProbeResult.down(since(started), Failures.reason(e));
        }
        try {
            DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis));
            String clusterId = cluster.clusterId().get();
            Collection<Node> nodes = cluster.nodes().get();
            Duration latency = since(started);
            return ProbeResult.up(latency, "cluster " + clusterId + " answered with " + nodes.size() + " broker(s) ("
                    + nodes.stream().limit(5).map(n -> n.host() + ":" + n.port()).collect(Collectors.joining(", "))
                    + ") in " + latency.toMillis() + " ms");
        } catch (ExecutionException e) {
            return ProbeResult.down(since(started), Failures.reason(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.down(since(started), "interrupted");
        } catch (RuntimeException e) {
            return ProbeResult.down(since(started), Failures.reason(e));
        } finally {
            // aborts what is still in flight and ends the client's network thread
            admin.close(Duration.ofMillis(100));
        }
    }

    /** Null when a bootstrap server accepts a connection; otherwise why the last one did not. */
    private static String firstReachable(Check.Kafka check, Duration timeout) {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis() / check.bootstrapServers().size()));
        String reason = null;
        for (Endpoint server : check.bootstrapServers()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(server.host(), server.port()), millis);
                return null;
            } catch (IOException e) {
                reason = server + ": " + Failures.reason(e);
            }
        }
        return reason;
    }

    private static Map<String, Object> properties(Check.Kafka check, Map<String, Object> security, int millis) {
        Map<String, Object> props = new HashMap<>(security);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(check));
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, CLIENT_ID_PREFIX + CLIENTS.incrementAndGet());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        props.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, (long) millis);
        props.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, (long) millis);
        props.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 100L);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500L);
        props.put(AdminClientConfig.METADATA_RECOVERY_STRATEGY_CONFIG, "none");
        return props;
    }

    private static String bootstrap(Check.Kafka check) {
        return check.bootstrapServers().stream().map(Endpoint::toString).collect(Collectors.joining(","));
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
