package io.mooring.chatops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A webhook endpoint for tests, on 127.0.0.1: records every request (and when it came) and answers 200
 * unless told to answer otherwise for the next requests to a path (or, for a key ending in {@code /}, to every path
 * under it). It stands in for chat APIs too: answers may carry a JSON body, and a responder gives the body of the
 * 2xx answers under a path (e.g. Slack's {@code {"ok": true, "ts": …}}).
 */
public final class WebhookReceiver implements AutoCloseable {

    /**
     * One request as received, and the status it was answered with.
     *
     * @param headers the request's headers (the first value of each), by lower-case name
     * @param answer  the body it was answered with
     */
    public record Received(String method, String path, String eventId, String contentType, String body,
                           Map<String, String> headers, int answeredWith, Instant at, String answer) {
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private record Answer(int status, String retryAfter, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Answer>> scripted = new ConcurrentHashMap<>();
    private final Map<String, Integer> down = new ConcurrentHashMap<>();
    private final Map<String, java.util.function.Function<Received, String>> responders = new ConcurrentHashMap<>();

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next requests to {@code path} are answered with these statuses, in order; then 200 again. */
    public void answer(String path, int... statuses) {
        for (int status : statuses) {
            script(path, new Answer(status, null, null));
        }
    }

    /** The next request to {@code path} is answered with {@code status}, {@code Retry-After} (nullable) and a JSON body. */
    public void answerJson(String path, int status, String retryAfter, String json) {
        script(path, new Answer(status, retryAfter, json));
    }

    /** 2xx answers to requests under {@code pathPrefix} carry the JSON {@code responder} makes of the request. */
    public void respondWith(String pathPrefix, java.util.function.Function<Received, String> responder) {
        responders.put(pathPrefix, responder);
    }

    /** Every request to a path starting with {@code prefix}, oldest first. */
    public List<Received> receivedUnder(String prefix) {
        return received.stream().filter(r -> r.path().startsWith(prefix)).toList();
    }

    /** The next request to {@code path} is answered with {@code status} and a {@code Retry-After} header. */
    public void answerRetryAfter(String path, int status, String retryAfter) {
        script(path, new Answer(status, retryAfter, null));
    }

    /** Every request to {@code path} is answered with {@code status} (after any scripted answers) until {@link #up}. */
    public void down(String path, int status) {
        down.put(path, status);
    }

    public void up(String path) {
        down.remove(path);
    }

    private void script(String path, Answer answer) {
        Deque<Answer> queue = scripted.computeIfAbsent(path, p -> new ArrayDeque<>());
        synchronized (queue) {
            queue.addLast(answer);
        }
    }

    /** Every request to {@code path}, oldest first. */
    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Requests to {@code path} about one event, oldest first. */
    public List<Received> received(String path, UUID eventId) {
        return received.stream().filter(r -> r.path().equals(path) && eventId.toString().equals(r.eventId())).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            Answer next = next(path);
            int status = next.status();
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(java.util.Locale.ROOT), values.getFirst()));
            Received request = new Received(exchange.getRequestMethod(), path,
                    exchange.getRequestHeaders().getFirst("X-Mooring-Event-Id"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body, Map.copyOf(headers), status, Instant.now(), null);
            if (next.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", next.retryAfter());
            }
            String text = next.body() != null ? next.body() : status < 300 ? responded(request) : "error " + status;
            received.add(new Received(request.method(), path, request.eventId(), request.contentType(), body, request.headers(),
                    status, request.at(), text));
            if (text.startsWith("{")) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
            }
            byte[] answer = text.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    private String responded(Received request) {
        return responders.entrySet().stream().filter(e -> request.path().startsWith(e.getKey())).findFirst()
                .map(e -> e.getValue().apply(request)).orElse("ok");
    }

    private Answer next(String path) {
        Deque<Answer> queue = scripted.get(path);
        if (queue == null) {
            queue = scripted.entrySet().stream().filter(e -> e.getKey().endsWith("/") && path.startsWith(e.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        Answer ok = new Answer(down.getOrDefault(path, 200), null, null);
        if (queue == null) {
            return ok;
        }
        synchronized (queue) {
            Answer answer = queue.pollFirst();
            return answer == null ? ok : answer;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
