package io.mooring.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A local stand-in for a Slack or Matrix channel: the chat-ops relay posts to it, and it keeps
 * (and shows) what arrived. Used by {@code ./mooring up} and the walking-skeleton test.
 */
public final class ChatInbox implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<String> messages = new CopyOnWriteArrayList<>();

    public ChatInbox(Consumer<String> onMessage) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hooks/chat", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                if ("POST".equals(exchange.getRequestMethod())) {
                    messages.add(text);
                    onMessage.accept(text);
                    exchange.sendResponseHeaders(200, -1);
                } else {
                    exchange.sendResponseHeaders(405, -1);
                }
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** The human line of a chat post: {@code message} (generic) or {@code text} (Slack, Matrix), else the body. */
    public static String text(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            for (String field : new String[] {"message", "text"}) {
                if (json.path(field).isTextual()) {
                    return json.path(field).asText();
                }
            }
        } catch (IOException notJson) {
            // shown as it came
        }
        return body;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/chat";
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
