package io.mooring.monitor.status;

import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.monitor.TestServers;
import io.mooring.testing.ApiClient;
import io.mooring.testing.ApiClient.Reply;
import io.mooring.testing.MovableClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.mooring.monitor.TestServers.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/** The status page and its JSON are kept rendered for {@code mooring.status.cache-ttl}, each page on its own. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusCacheIT implements TestPropertyProvider {
    private static final Duration TTL = Duration.ofSeconds(30);

    @Inject
    EmbeddedServer server;
    @Inject
    MovableClock clock;

    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = TestServers.properties(getClass());
        properties.put("test.clock", "movable");
        properties.put("mooring.scheduler.enabled", "false");
        properties.put("mooring.status.cache-ttl", TTL.toSeconds() + "s");
        return properties;
    }

    @BeforeAll
    void start() {
        api = new ApiClient(HttpClient.create(server.getURL()), null);
    }

    @Test
    void aPageIsKeptForItsTtlThenRenderedAgain() {
        String name = "kept " + UUID.randomUUID();
        Reply created = api.as(OPERATOR_TOKEN).post("/v1/groups", """
                {"name": "%s", "public": true}""".formatted(name));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String group = created.tree().get("id").asText();
        assertThat(api.get("/status.json").text()).contains(name);

        String renamed = "renamed " + UUID.randomUUID();
        Reply patched = api.as(OPERATOR_TOKEN).patch("/v1/groups/" + group, """
                {"name": "%s"}""".formatted(renamed));
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);

        clock.advance(TTL.minusSeconds(1));
        assertThat(api.get("/status.json").text()).as("kept").contains(name).doesNotContain(renamed);
        assertThat(api.get("/status").text()).as("the HTML is a page of its own").contains(renamed);
        assertThat(api.get("/status.json?group=" + group).text()).as("so is one group's").contains(renamed);

        clock.advance(Duration.ofSeconds(1));
        assertThat(api.get("/status.json").text()).as("rendered again after the ttl").contains(renamed);
    }

    @Test
    void aRefusedPageIsNotKept() {
        assertThat(api.get("/status.json?page=0").status()).isEqualTo(400);
        assertThat(api.get("/status.json?group=" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api.get("/status.json?page=0").status()).isEqualTo(400);
    }
}
