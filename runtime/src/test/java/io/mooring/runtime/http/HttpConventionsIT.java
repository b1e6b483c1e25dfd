package io.mooring.runtime.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.testing.HostileInputSweep;
import io.mooring.testing.RealServersProperties;
import io.mooring.stack.ServerKind;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpConventionsIT implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return RealServersProperties.withFreshDatabase("http", ServerKind.KAFKA, ServerKind.POSTGRES);
    }

    @Test
    void operatorCreates() {
        HttpResponse<String> created = client.toBlocking().exchange(
                post("{\"name\":\"gear\",\"size\":3}", "it-operator"), String.class);
        assertThat(created.code()).isEqualTo(201);
    }

    @Test
    void missingTokenIsUnauthorizedProblem() {
        HttpClientResponseException e = fail(HttpRequest.GET("/v1/widgets/x"));
        assertThat(e.code()).isEqualTo(401);
        assertProblem(e, "urn:mooring:problem:unauthorized");
        assertThat(e.getResponse().getHeaders().get("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void wrongTokenIsUnauthorized() {
        assertThat(fail(HttpRequest.GET("/v1/widgets/x").bearerAuth("guess")).code()).isEqualTo(401);
    }

    @Test
    void readTokenMayReadButNotWrite() {
        assertThat(fail(HttpRequest.GET("/v1/widgets/x").bearerAuth("it-reader")).code()).isEqualTo(404);
        HttpClientResponseException e = fail(post("{\"name\":\"gear\",\"size\":3}", "it-reader"));
        assertThat(e.code()).isEqualTo(403);
        assertProblem(e, "urn:mooring:problem:forbidden");
    }

    @Test
    void searchTokenMayOnlyReadTheSearchPaths() {
        assertThat(fail(HttpRequest.GET("/v1/widgets/x").bearerAuth("it-searcher")).code()).isEqualTo(404);
        assertThat(fail(post("{\"name\":\"gear\",\"size\":3}", "it-searcher")).code()).isEqualTo(403);
        HttpClientResponseException elsewhere = fail(HttpRequest.GET("/v1/widgetsx").bearerAuth("it-searcher"));
        assertThat(elsewhere.code()).isEqualTo(403);
        assertProblem(elsewhere, "urn:mooring:problem:forbidden");
        assertThat(fail(HttpRequest.GET("/v1/widgetsx").bearerAuth("it-reader")).code()).isEqualTo(404);
    }

    @Test
    void invalidFieldIsABadRequestNamingTheField() {
        HttpClientResponseException e = fail(post("{\"name\":\"Gear!\",\"size\":30}", "it-operator"));
        assertThat(e.code()).isEqualTo(400);
        String body = assertProblem(e, "urn:mooring:problem:validation");
        assertThat(body).contains("\"field\":\"name\"").contains("\"field\":\"size\"");
    }

    @Test
    void unknownFieldAndBrokenJsonAreBadRequests() {
        HttpClientResponseException unknown = fail(post("{\"name\":\"gear\",\"size\":3,\"colour\":\"red\"}", "it-operator"));
        assertThat(unknown.code()).isEqualTo(400);
        assertThat(assertProblem(unknown, "urn:mooring:problem:validation")).contains("\"field\":\"colour\"")
                .contains("\"detail\":\"colour: is not a field of this request\"").doesNotContain("RouteRequest", "Failed to convert");
        HttpClientResponseException broken = fail(post("{\"name\":", "it-operator"));
        assertThat(broken.code()).isEqualTo(400);
        assertProblem(broken, "urn:mooring:problem:validation");
        HttpClientResponseException wrongType = fail(post("{\"name\":\"gear\",\"size\":\"big\"}", "it-operator"));
        assertThat(wrongType.code()).isEqualTo(400);
    }

    @Test
    void jsonValuesAreNotCoercedIntoStringsOrNumbers() {
        String big = "1" + "0".repeat(40);
        for (String name : List.of("1", "true", "[1]", "1e400", big, "{}", "\"a\\u0000b\"", "\"a\\u001bb\"")) {
            HttpClientResponseException e = fail(post("{\"name\":" + name + ",\"size\":3}", "it-operator"));
            assertThat(e.code()).as(name).isEqualTo(400);
            assertThat(assertProblem(e, "urn:mooring:problem:validation")).as(name).contains("\"field\":\"name\"");
        }
        for (String size : List.of("1.5", "\"1\"", "1e400", "1e2", "99999999999999999999", "3000000000", "true", "[1]")) {
            HttpClientResponseException e = fail(post("{\"name\":\"gear\",\"size\":" + size + "}", "it-operator"));
            assertThat(e.code()).as(size).isEqualTo(400);
            assertThat(assertProblem(e, "urn:mooring:problem:validation")).as(size).contains("\"field\":\"size\"");
        }
    }

    @Test
    void freeTextMayHoldTabsAndLineBreaks() {
        HttpResponse<String> created = client.toBlocking().exchange(
                HttpRequest.POST("/v1/widgets/notes", "{\"text\":\"one\\ttwo\\r\\nthree\",\"count\":5,\"total\":9000000000,\"urgent\":true,\"tags\":[\"a\"]}")
                        .contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth("it-operator"), String.class);
        assertThat(created.body()).isEqualTo("one\ttwo\r\nthree 5 9000000000 true [a]");
        HttpClientResponseException nested = fail(HttpRequest.POST("/v1/widgets/notes",
                "{\"text\":\"x\",\"count\":5,\"total\":1,\"urgent\":\"yes\",\"tags\":[\"a\",\"b\\u0000\"]}")
                .contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth("it-operator"));
        assertThat(nested.code()).isEqualTo(400);
        assertThat(assertProblem(nested, "urn:mooring:problem:validation")).contains("\"field\":\"urgent\"");
        HttpClientResponseException item = fail(HttpRequest.POST("/v1/widgets/notes",
                "{\"text\":\"x\",\"count\":5,\"total\":1,\"urgent\":true,\"tags\":[\"a\",\"b\\u0000\"]}")
                .contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth("it-operator"));
        assertThat(item.code()).isEqualTo(400);
        assertThat(assertProblem(item, "urn:mooring:problem:validation")).contains("\"field\":\"tags\"").contains("item 1");
    }

    @Test
    void aRefusedValueDeepInsideIsNamedByItsPathFromTheTop() {
        HttpClientResponseException deep = fail(HttpRequest.POST("/v1/widgets/shelves",
                "{\"name\":\"s\",\"box\":{\"lid\":{\"sealed\":\"yes\"}}}")
                .contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth("it-operator"));
        assertThat(deep.code()).isEqualTo(400);
        assertThat(assertProblem(deep, "urn:mooring:problem:validation")).contains("\"field\":\"box.lid.sealed\"");
        HttpClientResponseException inList = fail(HttpRequest.POST("/v1/widgets/shelves",
                "{\"name\":\"s\",\"boxes\":[{\"lid\":{\"sealed\":true}},{\"lid\":{\"sealed\":\"no\"}}]}")
                .contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth("it-operator"));
        assertThat(inList.code()).isEqualTo(400);
        assertThat(assertProblem(inList, "urn:mooring:problem:validation")).contains("\"field\":\"boxes[1].lid.sealed\"");
    }

    @Test
    void unparseableQueryValuesAreBadRequestsNamingTheParameter() {
        for (String query : List.of("limit=abc", "limit=1.5", "limit=NaN", "limit=99999999999999999999", "limit=3000000000",
                "cordoned=banana", "cordoned=1", "ids=1&ids=x")) {
            HttpClientResponseException e = fail(HttpRequest.GET("/v1/widgets?" + query).bearerAuth("it-operator"));
            assertThat(e.code()).as(query).isEqualTo(400);
            String field = query.substring(0, query.indexOf('='));
            assertThat(assertProblem(e, "urn:mooring:problem:validation")).as(query).contains("\"field\":\"" + field + "\"");
        }
        assertThat(client.toBlocking().retrieve(HttpRequest.GET("/v1/widgets?limit=7&cordoned=false&name=gear&ids=1&ids=2")
                .bearerAuth("it-operator"))).isEqualTo("7 false gear [1, 2]");
    }

    @Test
    void controlCharactersAndNonUtf8AreBadRequestsBeforeAuthentication() {
        for (String path : List.of("/v1/widgets/%00", "/v1/widgets/a%07b", "/v1/widgets/%ff", "/v1/widgets/%zz",
                "/v1/widgets/%", "/v1/widgets?limit=%zz", "/v1/widgets?name=a%2",
                "/v1/widgets?name=%00", "/v1/widgets?name=%1b", "/v1/widgets?name=%c3")) {
            String answer = rawGet(path);
            assertThat(answer).as(path).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/problem+json")
                    .contains("urn:mooring:problem:validation");
            String field = path.contains("?") ? path.substring(path.indexOf('?') + 1, path.indexOf('=')) : "path";
            assertThat(answer).as(path).contains("\"field\":\"" + field + "\"");
        }
    }

    @Test
    void theHostileInputSweepPassesTheWidgetsAndFindsABodyReadBeyondThePolicy() {
        HostileInputSweep.against(server.getURI(), "it-operator")
                .get("/v1/widgets", "limit", "cordoned", "name", "ids")
                .get("/v1/widgets/{name}")
                .send("POST", "/v1/widgets", "{\"name\":\"gear\",\"size\":3}")
                .send("POST", "/v1/widgets/notes", "{\"text\":\"x\",\"count\":5,\"total\":9,\"urgent\":true,\"tags\":[\"a\"]}")
                .run();
        assertThatThrownBy(() -> HostileInputSweep.against(server.getURI(), "it-operator")
                .send("POST", "/v1/widgets/echo", "{\"name\":\"gear\"}").run())
                .isInstanceOf(AssertionError.class).hasMessageContaining("POST /v1/widgets/echo with name=1 -> 200");
    }

    @Test
    void notFoundIsAProblem() {
        HttpClientResponseException e = fail(HttpRequest.GET("/v1/widgets/zzz").bearerAuth("it-operator"));
        assertThat(e.code()).isEqualTo(404);
        assertThat(assertProblem(e, "urn:mooring:problem:not-found")).contains("widget zzz does not exist");
        assertThat(fail(HttpRequest.GET("/v1/no-such-route").bearerAuth("it-operator")).code()).isEqualTo(404);
    }

    @Test
    void healthAndMetricsArePublic() {
        HttpResponse<String> health = client.toBlocking().exchange(HttpRequest.GET("/health"), String.class);
        assertThat(health.code()).isEqualTo(200);
        assertThat(health.body()).contains("\"kafka\"").contains("\"UP\"");
        HttpResponse<String> metrics = client.toBlocking().exchange(HttpRequest.GET("/prometheus"), String.class);
        assertThat(metrics.body()).contains("mooring_outbox_pending");
    }

    @Test
    void aMalformedTargetIsRefusedAlsoWithABodyAndClosesTheConnection() {
        String answer = raw("POST /v1/widgets/%zz HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2\r\n\r\n{}");
        assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("connection: close").contains("\"field\":\"path\"");
    }

    /** A GET sent byte for byte as written, without a token: clients refuse to send malformed URIs. */
    private String rawGet(String path) {
        return raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    }

    private String raw(String request) {
        try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpRequest<String> post(String json, String token) {
        return HttpRequest.POST("/v1/widgets", json).contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth(token);
    }

    private HttpClientResponseException fail(HttpRequest<?> request) {
        return catchThrowableOfType(HttpClientResponseException.class, () -> client.toBlocking().exchange(request, String.class));
    }

    private static String assertProblem(HttpClientResponseException e, String type) {
        assertThat(e.getResponse().getContentType()).hasValueSatisfying(
                t -> assertThat(t.toString()).startsWith("application/problem+json"));
        String body = e.getResponse().getBody(String.class).orElse("");
        assertThat(body).contains("\"type\":\"" + type + "\"");
        return body;
    }
}
