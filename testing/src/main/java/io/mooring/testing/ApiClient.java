package io.mooring.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A service's API as a test calls it, with or without a bearer token: every answer, 2xx or not, as a {@link Reply}. */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final String token;

    public ApiClient(HttpClient client, String token) {
        this.client = client;
        this.token = token;
    }

    public ApiClient as(String otherToken) {
        return new ApiClient(client, otherToken);
    }

    public Reply get(String path) {
        return send(HttpRequest.GET(path));
    }

    public Reply post(String path, Object body) {
        return send(HttpRequest.POST(path, body));
    }

    public Reply post(String path) {
        return send(HttpRequest.POST(path, Map.of()));
    }

    public Reply put(String path, Object body) {
        return send(HttpRequest.PUT(path, body));
    }

    public Reply patch(String path, Object body) {
        return send(HttpRequest.PATCH(path, body));
    }

    public Reply delete(String path) {
        return send(HttpRequest.DELETE(path));
    }

    public Reply send(MutableHttpRequest<?> request) {
        if (token != null) {
            request.bearerAuth(token);
        }
        try {
            HttpResponse<String> response = client.toBlocking().exchange(request, String.class);
            return new Reply(response.code(), response.getBody().orElse(""), response.getHeaders().asMap());
        } catch (HttpClientResponseException e) {
            return new Reply(e.code(), e.getResponse().getBody(String.class).orElse(""), e.getResponse().getHeaders().asMap());
        }
    }

    /** An answer: status, body text and headers. */
    public record Reply(int status, String body, Map<String, List<String>> headers) {

        public Map<String, Object> json() {
            try {
                return JSON.readValue(body, new TypeReference<>() {
                });
            } catch (IOException e) {
                throw new UncheckedIOException("not a JSON object: " + body, e);
            }
        }

        public String get(String field) {
            Object value = json().get(field);
            return value == null ? null : value.toString();
        }

        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> items() {
            return (List<Map<String, Object>>) json().get("items");
        }

        /** The body parsed as a JSON tree (objects, arrays, scalars). */
        public JsonNode tree() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public String text() {
            return body;
        }

        public String contentType() {
            String type = header("Content-Type");
            return type == null ? "" : type;
        }

        public Optional<String> location() {
            return Optional.ofNullable(header("Location"));
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }

        /** The problem type's slug, e.g. {@code no-capacity}. */
        public String problem() {
            return get("type").replace("urn:mooring:problem:", "");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
