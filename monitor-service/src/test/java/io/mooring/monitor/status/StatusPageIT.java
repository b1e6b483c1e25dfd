package io.mooring.monitor.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.monitor.TestServers;
import io.mooring.testing.ApiClient;
import io.mooring.testing.ApiClient.Reply;
import io.mooring.testing.HostileInputSweep;
import io.mooring.testing.MovableClock;
import io.mooring.stack.Servers;
import java.net.URI;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

import static io.mooring.monitor.TestServers.OPERATOR_TOKEN;
import static io.mooring.monitor.TestServers.READ_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The public status page, its JSON and badges, served by the real service over real Postgres with
 * states and uptime made by real checks (a JDK HTTP target, time moved by the test); the page is
 * looked at in headless Chromium as a visitor sees it.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusPageIT implements TestPropertyProvider {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final String HOSTILE_NAME = "web <img src=x onerror=alert(1)> & \"co\"";

    @Inject
    EmbeddedServer server;
    @Inject
    MovableClock clock;
    @Inject
    MonitorGauges gauges;

    private ApiClient api;
    private HttpServer target;
    private String publicGroup;
    private String privateGroup;
    private String web;
    private String apiMonitor;
    private String secret;
    private String certificate;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = TestServers.properties(getClass());
        properties.put("test.clock", "movable");
        properties.put("mooring.scheduler.tick", "50ms");
        properties.put("mooring.status.groups-per-page", "50");
        properties.put("mooring.status.monitors-per-group", "2");
        properties.put("mooring.status.monitors-per-page", "2");
        properties.put("mooring.status.title", "Acme status");
        // the shared Redis's certificate comes from the stack's own CA
        properties.put("mooring.scheduler.ca-files", Servers.redis().caCertificate().toString());
        return properties;
    }

    @BeforeAll
    void start() throws IOException {
        api = new ApiClient(HttpClient.create(server.getURL()), null);
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        target.createContext("/", exchange -> {
            byte[] body = "ok".getBytes();
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().startsWith("/down") ? 503 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        target.start();

        publicGroup = createGroup("Core <b>services</b> " + UUID.randomUUID(), true);
        privateGroup = createGroup("Tenant databases " + UUID.randomUUID(), false);
        web = createMonitor(HOSTILE_NAME + " " + UUID.randomUUID(), "/up");
        apiMonitor = createMonitor("api " + UUID.randomUUID(), "/down");
        secret = createMonitor("secret-tenant-db " + UUID.randomUUID(), "/up");
        join(publicGroup, web);
        join(publicGroup, apiMonitor);
        join(privateGroup, secret);
        URI redis = URI.create(Servers.redis().uri());
        Reply tls = api.as(OPERATOR_TOKEN).post("/v1/monitors", """
                {"name": "redis-tls-%s", "kind": "tls", "target": "%s:%d", "intervalSeconds": 10}"""
                .formatted(UUID.randomUUID(), redis.getHost(), redis.getPort()));
        assertThat(tls.status()).as(tls.text()).isEqualTo(201);
        certificate = tls.tree().get("id").asText();

        clock.advance(INTERVAL);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(state(web)).isEqualTo("UP");
            assertThat(state(apiMonitor)).isEqualTo("DOWN");
            assertThat(state(secret)).isEqualTo("UP");
            assertThat(api.as(READ_TOKEN).get("/v1/monitors/" + certificate).tree().get("lastCheck")
                    .get("certificateDaysLeft").asLong()).isPositive();
            assertThat(api.as(READ_TOKEN).get("/v1/monitors/" + apiMonitor + "/incidents?state=open").tree().get("items"))
                    .hasSize(1);
        });
    }

    @AfterAll
    void stop() {
        target.stop(0);
    }

    @Test
    void aVisitorSeesThePublicGroupItsMonitorsAndIncidentButNoPrivateMonitor() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // root in a container: Chromium's sandbox needs user namespaces it does not get here
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        WebDriver browser = new ChromeDriver(service, options);
        try {
            browser.get(server.getURL() + "/status");

            assertThat(browser.getTitle()).isEqualTo("Acme status");
            WebElement group = browser.findElement(By.id("group-" + publicGroup));
            assertThat(group.findElement(By.cssSelector("summary .name")).getText()).startsWith("Core <b>services</b>");
            assertThat(group.findElement(By.cssSelector("summary .state")).getText()).isEqualTo("Down");
            WebElement webRow = group.findElement(By.id("monitor-" + web));
            assertThat(webRow.isDisplayed()).isTrue();
            assertThat(webRow.findElement(By.cssSelector(".name")).getText()).startsWith(HOSTILE_NAME);
            assertThat(webRow.findElement(By.cssSelector(".state")).getText()).isEqualTo("Operational");
            assertThat(webRow.findElement(By.cssSelector(".uptime")).getText()).isEqualTo("100.00% uptime");
            List<WebElement> bars = webRow.findElements(By.cssSelector(".bars i"));
            assertThat(bars).hasSize(90);
            assertThat(bars.getLast().getAttribute("title")).matches("\\d{4}-\\d\\d-\\d\\d: 100\\.00% \\(\\d+ checks?\\)");
            assertThat(group.findElement(By.id("monitor-" + apiMonitor)).findElement(By.cssSelector(".state")).getText())
                    .isEqualTo("Down");
            assertThat(browser.findElement(By.id("incidents")).getText()).contains("api ").contains(" is down");
            assertThat(browser.findElement(By.id("overall")).getText()).isEqualTo("Some systems down");
            assertThat(browser.findElement(By.id("updated")).getText()).endsWith("UTC");
            assertThat(browser.findElements(By.tagName("img"))).isEmpty();
            assertThat(browser.getPageSource()).doesNotContain("secret-tenant-db").doesNotContain("Tenant databases");

            Path shot = Path.of("target", "status-page.png");
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), shot,
                    StandardCopyOption.REPLACE_EXISTING);
            assertThat(Files.size(shot)).isPositive();
        } finally {
            browser.quit();
        }
    }

    @Test
    void servesThePageWithoutATokenCacheableAndLockedDown() {
        Reply page = api.as(null).get("/status");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.header("Cache-Control")).isEqualTo("public, max-age=30");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'");
        Document html = Jsoup.parse(page.text());
        assertThat(html.select("script, img")).isEmpty();
        assertThat(html.selectFirst("#monitor-" + web + " .name").text()).startsWith(HOSTILE_NAME);
        assertThat(page.text()).doesNotContain(secret).doesNotContain(privateGroup);
    }

    @Test
    void showsAGroupsOtherMonitorsOnItsOwnPages() {
        String big = createGroup("Big " + UUID.randomUUID(), true);
        List<String> members = List.of(createMonitor("a " + UUID.randomUUID(), "/up"),
                createMonitor("b " + UUID.randomUUID(), "/up"), createMonitor("c " + UUID.randomUUID(), "/up"));
        members.forEach(m -> join(big, m));

        Document overview = Jsoup.parse(api.as(null).get("/status").text());
        assertThat(overview.select("#group-" + big + " li.monitor")).hasSize(2);
        assertThat(overview.selectFirst("#group-" + big + " p.more a").attr("href"))
                .isEqualTo("/status?group=" + big + "&page=1");

        Document second = Jsoup.parse(api.as(null).get("/status?group=" + big + "&page=2").text());
        assertThat(second.select("details.group")).hasSize(1);
        assertThat(second.select("#group-" + big + " li.monitor")).extracting(e -> e.id())
                .containsExactly("monitor-" + members.get(2));
        assertThat(second.select("nav.pages a").eachAttr("href")).contains("/status?group=" + big + "&page=1");
    }

    @Test
    void answersTheSameDataAsJson() {
        Reply json = api.as(null).get("/status.json");

        assertThat(json.status()).as(json.text()).isEqualTo(200);
        assertThat(json.header("Cache-Control")).isEqualTo("public, max-age=30");
        assertThat(json.text()).doesNotContain(secret).doesNotContain(privateGroup);
        JsonNode group = null;
        for (JsonNode candidate : json.tree().get("groups")) {
            if (candidate.get("id").asText().equals(publicGroup)) {
                group = candidate;
            }
        }
        assertThat(group).isNotNull();
        assertThat(group.get("state").asText()).isEqualTo("DOWN");
        assertThat(group.get("monitorCount").asInt()).isEqualTo(2);
        assertThat(group.get("monitors").findValuesAsText("id")).containsExactlyInAnyOrder(web, apiMonitor);
        JsonNode webNode = group.get("monitors").get(0).get("id").asText().equals(web)
                ? group.get("monitors").get(0) : group.get("monitors").get(1);
        assertThat(webNode.get("state").asText()).isEqualTo("UP");
        assertThat(webNode.get("uptimePercent").asDouble()).isEqualTo(100.0);
        assertThat(webNode.get("days").get(0).get("checks").asInt()).isPositive();
        assertThat(json.tree().get("incidents").findValuesAsText("monitorId")).contains(apiMonitor);
        assertThat(api.as(null).get("/status.json?group=" + publicGroup).tree().get("groups")).hasSize(1);
    }

    @Test
    void drawsBadgesOfPublicMonitorsAndGroupsOnly() {
        Reply monitorBadge = api.as(null).get("/status/badges/monitors/" + web + ".svg");
        assertThat(monitorBadge.status()).as(monitorBadge.text()).isEqualTo(200);
        assertThat(monitorBadge.contentType()).startsWith("image/svg+xml");
        assertThat(monitorBadge.header("Cache-Control")).isEqualTo("public, max-age=30");
        assertThat(Jsoup.parse(monitorBadge.text()).selectFirst("title").text()).isEqualTo("status: up · 100.00% (30d)");

        Reply groupBadge = api.as(null).get("/status/badges/groups/" + publicGroup + ".svg");
        assertThat(groupBadge.status()).isEqualTo(200);
        assertThat(Jsoup.parse(groupBadge.text()).selectFirst("title").text()).isEqualTo("status: down · 50.00% (30d)");

        Reply privateMonitor = api.as(null).get("/status/badges/monitors/" + secret + ".svg");
        assertThat(privateMonitor.status()).isEqualTo(404);
        assertThat(privateMonitor.contentType()).startsWith("application/problem+json");
        assertThat(api.as(null).get("/status/badges/groups/" + privateGroup + ".svg").status()).isEqualTo(404);
        assertThat(api.as(null).get("/status?group=" + privateGroup).status()).isEqualTo(404);
        assertThat(api.as(null).get("/status/badges/monitors/not-a-uuid.svg").status()).isEqualTo(400);
    }

    @Test
    void refusesABadPageOrGroupNamingTheParameter() {
        Reply badPage = api.as(null).get("/status?page=0");
        assertThat(badPage.status()).isEqualTo(400);
        assertThat(badPage.contentType()).startsWith("application/problem+json");
        assertThat(badPage.text()).contains("\"page\"");
        assertThat(api.as(null).get("/status.json?group=nope").text()).contains("\"group\"");
        assertThat(api.as(null).get("/status?page=99999").status()).isEqualTo(404);
        HostileInputSweep.against(server.getURI(), READ_TOKEN)
                .get("/status", "group", "page")
                .get("/status.json", "group", "page")
                .get("/status/badges/monitors/{id}.svg")
                .get("/status/badges/groups/{id}.svg")
                .run();
    }

    @Test
    void exportsPerMonitorGaugesAndDropsADeletedMonitor() {
        String doomed = createMonitor("doomed " + UUID.randomUUID(), "/down");
        clock.advance(INTERVAL);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(state(doomed)).isEqualTo("DOWN"));

        assertThat(gauges.refresh()).isGreaterThanOrEqualTo(5);
        String metrics = api.as(null).get("/prometheus").text();
        assertThat(metrics).contains("mooring_monitor_up{kind=\"http\",monitor=\"" + web + "\"} 1")
                .contains("mooring_monitor_up{kind=\"http\",monitor=\"" + doomed + "\"} 0")
                .contains("mooring_monitor_latency_seconds{kind=\"http\",monitor=\"" + web + "\"}")
                .contains("mooring_monitor_certificate_days_left{kind=\"tls\",monitor=\"" + certificate + "\"}")
                .doesNotContain("secret-tenant-db")
                // check throughput and scheduler lag come from the scheduler
                .contains("mooring_monitor_checks_total").contains("mooring_monitor_schedule_lag_seconds");

        assertThat(api.as(OPERATOR_TOKEN).delete("/v1/monitors/" + doomed).status()).isEqualTo(204);
        gauges.refresh();
        assertThat(api.as(null).get("/prometheus").text()).doesNotContain(doomed).contains(web);
    }

    private String state(String monitor) {
        return api.as(READ_TOKEN).get("/v1/monitors/" + monitor).tree().get("state").asText();
    }

    private String createGroup(String name, boolean isPublic) {
        Reply created = api.as(OPERATOR_TOKEN).post("/v1/groups", """
                {"name": "%s", "public": %s}""".formatted(name.replace("\"", "\\\""), isPublic));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.tree().get("id").asText();
    }

    private String createMonitor(String name, String path) {
        Reply created = api.as(OPERATOR_TOKEN).post("/v1/monitors", """
                {"name": "%s", "kind": "http", "target": "http://127.0.0.1:%d%s", "intervalSeconds": 10,
                 "failureThreshold": 1}""".formatted(name.replace("\"", "\\\""), target.getAddress().getPort(), path));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.tree().get("id").asText();
    }

    private void join(String group, String monitor) {
        assertThat(api.as(OPERATOR_TOKEN).put("/v1/groups/" + group + "/monitors/" + monitor, "").status()).isEqualTo(204);
    }
}
