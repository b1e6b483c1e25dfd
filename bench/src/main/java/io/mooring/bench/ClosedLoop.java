package io.mooring.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load: each client sends its next request as soon as the answer to the previous one
 * arrived, until the phase's time is up or its request budget is spent. Each client has its own
 * HTTP/1.1 client, so it keeps one connection alive for the whole phase. Latency is the time from
 * sending a request to having read its whole answer.
 */
final class ClosedLoop {

    /** One request of a client. */
    @FunctionalInterface
    interface Call {
        /**
         * Sends one request and reads the answer.
         *
         * @param startNanos {@link System#nanoTime()} just before sending
         * @return the HTTP status of the answer
         */
        int send(HttpClient http, long startNanos) throws IOException, InterruptedException;
    }

    private ClosedLoop() {
    }

    static PhaseResult run(String operation, int clients, Duration duration, int maxRequests, Call call) {
        if (maxRequests < 1) {
            throw new IllegalArgumentException("maxRequests must be at least 1: " + maxRequests);
        }
        AtomicLong budget = new AtomicLong(maxRequests);
        CountDownLatch go = new CountDownLatch(1);
        List<Client> running = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            running.add(new Client(call, budget, go));
        }
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        running.forEach(client -> client.start(deadline));
        go.countDown();
        Latencies latencies = new Latencies();
        Map<String, Long> failures = new HashMap<>();
        for (Client client : running) {
            client.join();
            latencies.add(client.latencies);
            client.failures.forEach((reason, n) -> failures.merge(reason, n, Long::sum));
        }
        Duration elapsed = Duration.ofNanos(Math.max(1, System.nanoTime() - start));
        return new PhaseResult(operation, clients, latencies.count(), failures, elapsed, latencies.summary());
    }

    private static final class Client {
        private final Call call;
        private final AtomicLong budget;
        private final CountDownLatch go;
        private final Latencies latencies = new Latencies();
        private final Map<String, Long> failures = new HashMap<>();
        private Thread thread;

        Client(Call call, AtomicLong budget, CountDownLatch go) {
            this.call = call;
            this.budget = budget;
            this.go = go;
        }

        void start(long deadline) {
            thread = Thread.ofPlatform().name("bench-client").start(() -> loop(deadline));
        }

        private void loop(long deadline) {
            try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build()) {
                go.await();
                while (System.nanoTime() < deadline && budget.getAndDecrement() > 0) {
                    long start = System.nanoTime();
                    String failure;
                    try {
                        int status = call.send(http, start);
                        long end = System.nanoTime();
                        if (status >= 200 && status < 300) {
                            latencies.record(end - start);
                            continue;
                        }
                        failure = "HTTP " + status;
                    } catch (IOException e) {
                        failure = e.getClass().getSimpleName();
                    }
                    failures.merge(failure, 1L, Long::sum);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void join() {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the clients", e);
            }
        }
    }
}
