package io.mooring.chatops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Calls the relay's API in tests with a bearer token and answers status, content type, location and body. */
public record RelayApi(HttpClient http) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Answer(int code, String contentType, String location, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The field the first error of a problem names. */
        public String field() {
            return json().get("errors").get(0).get("field").asText();
        }
    }

    public static MutableHttpRequest<?> request(String method, String path, String body, String token) {
        MutableHttpRequest<?> request = switch (method) {
            case "POST" -> HttpRequest.POST(path, body);
            case "PUT" -> HttpRequest.PUT(path, body);
            case "PATCH" -> HttpRequest.PATCH(path, body);
            case "DELETE" -> HttpRequest.DELETE(path);
            default -> HttpRequest.GET(path);
        };
        return request.bearerAuth(token).contentType("application/json");
    }

    public Answer send(String method, String path, String body, String token) {
        return send(request(method, path, body, token));
    }

    public Answer send(MutableHttpRequest<?> request) {
        HttpResponse<?> response;
        try {
            response = http.toBlocking().exchange(request, Argument.STRING, Argument.STRING);
        } catch (HttpClientResponseException e) {
            response = e.getResponse();
        }
        return new Answer(response.code(), response.getContentType().map(Object::toString).orElse(""),
                response.getHeaders().get("Location"), response.getBody(String.class).orElse(""));
    }
}
