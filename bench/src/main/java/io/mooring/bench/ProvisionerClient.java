package io.mooring.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The three provisioner calls the benchmark makes, with the operator token. */
final class ProvisionerClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String baseUrl;
    private final String token;

    ProvisionerClient(String baseUrl, String token) {
        if (!baseUrl.startsWith("http://127.0.0.1:")) {
            throw new IllegalArgumentException("the benchmark only targets 127.0.0.1, not " + baseUrl);
        }
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** The status of a create, and the id of the new account when it was accepted. */
    record Created(int status, String accountId) {
    }

    /** Registers a host big enough that placement never refuses for lack of room. */
    void registerHost(HttpClient http, String name) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(post("/v1/hosts", Map.of("name", name, "datacenter", "bench",
                "cpuCores", 1024, "memoryMb", 1_048_576L, "diskGb", 100_000L)), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IOException("registering host " + name + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** {@code POST /v1/accounts}; a 202 carries the creating operation, whose {@code targetId} is the account. */
    Created createAccount(HttpClient http, String name) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(post("/v1/accounts",
                Map.of("name", name, "plan", "small", "ownerEmail", "bench@example.com")), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            return new Created(response.statusCode(), null);
        }
        JsonNode operation = JSON.readTree(response.body());
        String accountId = operation.path("targetId").asText("");
        if (accountId.isEmpty()) {
            throw new IOException("202 without targetId: " + response.body());
        }
        return new Created(response.statusCode(), accountId);
    }

    /** {@code GET /v1/accounts/{id}}, reading the whole body. */
    int getAccount(HttpClient http, String accountId) throws IOException, InterruptedException {
        HttpRequest request = authorized(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/accounts/" + accountId))).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
    }

    private HttpRequest post(String path, Object body) throws IOException {
        return authorized(HttpRequest.newBuilder(URI.create(baseUrl + path)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
        return builder.header("Authorization", "Bearer " + token).header("Accept", "application/json").timeout(TIMEOUT);
    }
}
