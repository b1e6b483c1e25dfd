package io.mooring.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small JSON client for the services' APIs, with the operator's bearer token. */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String token;

    public ApiClient(String token) {
        this.token = token;
    }

    /** A status code and the parsed body (a missing node when the body is empty). */
    public record Reply(int status, JsonNode body, String location) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public Reply get(String url) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    public Reply post(String url, Object body) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    public Reply patch(String url, Object body) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private Reply send(HttpRequest.Builder request) throws IOException {
        request.header("Authorization", "Bearer " + token).header("Accept", "application/json").timeout(Duration.ofSeconds(10));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body() == null || response.body().isBlank()
                    ? JSON.missingNode() : JSON.readTree(response.body());
            return new Reply(response.statusCode(), body, response.headers().firstValue("Location").orElse(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
