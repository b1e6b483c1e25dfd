package io.mooring.runtime.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.runtime.testing.RealServersProperties;
import io.mooring.stack.ServerKind;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpConventionsIT implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

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
        assertThat(assertProblem(unknown, "urn:mooring:problem:validation")).contains("\"field\":\"colour\"");
        HttpClientResponseException broken = fail(post("{\"name\":", "it-operator"));
        assertThat(broken.code()).isEqualTo(400);
        assertProblem(broken, "urn:mooring:problem:validation");
        HttpClientResponseException wrongType = fail(post("{\"name\":\"gear\",\"size\":\"big\"}", "it-operator"));
        assertThat(wrongType.code()).isEqualTo(400);
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
