package io.mooring.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.stack.LocalStack;
import io.mooring.stack.Ports;
import io.mooring.stack.ServerKind;
import io.mooring.stack.Servers;
import io.mooring.stack.StackServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The walking skeleton: the five service jars as processes against real servers. An account created
 * through the provisioner's API reaches every other service, each observed through its own API. Last, after that
 * traffic, every metric the alert rules and dashboards query is exported by some service.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkingSkeletonIT {
    private static final String OPERATOR_TOKEN = "skeleton-operator-" + UUID.randomUUID();
    private static final String READ_TOKEN = "skeleton-reader-" + UUID.randomUUID();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Path root;
    private static LocalPlatform platform;
    /** When the platform of this class started: the timeline also holds the events of the module's other tests. */
    private static java.time.Instant started;
    private static ChatInbox inbox;
    private static ApiClient api;

    @BeforeAll
    static void startPlatform() throws IOException {
        started = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Map<ServerKind, StackServer> servers = Servers.start(EnumSet.allOf(ServerKind.class));
        Map<String, String> serverEnv = LocalStack.environment(servers);
        String suffix = Long.toHexString(System.nanoTime());
        Map<Service, String> databases = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            service.database().ifPresent(db -> {
                Servers.postgres().createDatabase(db + "_" + suffix);
                databases.put(service, db + "_" + suffix);
            });
        }
        inbox = new ChatInbox(message -> { });
        Map<String, String> extra = Map.of(
                "MOORING_AUTH_OPERATOR_TOKENS", OPERATOR_TOKEN,
                "MOORING_AUTH_READ_TOKENS", READ_TOKEN);
        Map<Service, Map<String, String>> chat = Map.of(Service.CHATOPS, Map.of(
                "MOORING_CHATOPS_WEBHOOK_URL", inbox.url(),
                "MOORING_CHATOPS_WEBHOOK_KIND", "generic"));
        root = Path.of(System.getProperty("mooring.root", "..")).toAbsolutePath().normalize();
        platform = new LocalPlatform(root, System.getProperty("mooring.version", "0.1.0-SNAPSHOT"), serverEnv, databases,
                extra, chat, port -> Ports.free(), Path.of("target", "skeleton-logs").toAbsolutePath());
        platform.start(Duration.ofMinutes(4));
        api = new ApiClient(OPERATOR_TOKEN);
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
        if (inbox != null) {
            inbox.close();
        }
    }

    @Test
    @Order(1)
    void accountCreatedThroughProvisionerReachesEveryService() throws IOException {
        String provisioner = platform.url(Service.PROVISIONER);
        ApiClient.Reply host = api.post(provisioner + "/v1/hosts", Map.of("name", "skeleton-host", "datacenter", "dc1",
                "cpuCores", 8, "memoryMb", 16384, "diskGb", 200));
        assertThat(host.status()).isEqualTo(201);

        ApiClient.Reply created = api.post(provisioner + "/v1/accounts",
                Map.of("name", "acme", "plan", "small", "ownerEmail", "ops@acme.example"));
        assertThat(created.status()).isEqualTo(202);
        assertThat(created.location()).startsWith("/v1/operations/");
        assertThat(created.body().path("state").asText()).isEqualTo("RUNNING");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                api.get(provisioner + created.location()).body().path("state").asText()).isEqualTo("SUCCEEDED"));
        JsonNode operation = api.get(provisioner + created.location()).body();
        String accountId = operation.path("targetId").asText();
        assertThat(accountId).isEqualTo(created.body().path("targetId").asText());

        JsonNode account = api.get(provisioner + "/v1/accounts/" + accountId).body();
        assertThat(account.path("state").asText()).isEqualTo("READY");
        assertThat(account.path("hostId").asText()).isEqualTo(host.body().path("id").asText());

        // backups follow resources: a database of the account gets its own policy
        assertThat(api.post(provisioner + "/v1/accounts/" + accountId + "/resources",
                Map.of("kind", "postgres-database", "name", "app")).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                items(api.get(platform.url(Service.BACKUP) + "/v1/policies?accountId=" + accountId)))
                .singleElement().satisfies(policy -> assertThat(policy.path("targetKind").asText())
                        .isEqualTo("postgres-database")));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                items(api.get(platform.url(Service.MONITOR) + "/v1/monitors?accountId=" + accountId)))
                // the backup policy's heartbeat and the database's postgres monitor
                .extracting(monitor -> monitor.path("kind").asText().toLowerCase(java.util.Locale.ROOT))
                .containsExactlyInAnyOrder("heartbeat", "postgres"));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                items(api.get(platform.url(Service.SEARCH) + "/v1/events?subject=" + accountId)))
                .extracting(e -> e.path("type").asText())
                .contains("mooring.provisioning.account.ready.v1"));
        assertThat(items(api.get(platform.url(Service.SEARCH) + "/v1/events?q=acme"))).isNotEmpty();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(inbox.messages()).anySatisfy(message -> assertThat(message)
                        .contains("mooring.provisioning.account.ready.v1").contains(accountId)));
        assertThat(items(api.get(platform.url(Service.CHATOPS) + "/v1/deliveries?eventId=" + readyEventId(accountId))))
                .anySatisfy(delivery -> assertThat(delivery.path("status").asText()).isEqualToIgnoringCase("delivered"));

        // every event type produced on the topics the relay follows since this platform started (the servers are shared
        // with the module's other tests, whose events stay in the timeline) reached chat, the account's backup policy included
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<String> produced = StreamSupport.stream(items(api.get(platform.url(Service.SEARCH) + "/v1/events?size=100&from=" + started))
                            .spliterator(), false).map(e -> e.path("type").asText())
                    .filter(type -> type.matches("mooring\\.(provisioning|backups|monitoring)\\..*")).distinct().toList();
            assertThat(produced).contains("mooring.provisioning.host.registered.v1", "mooring.provisioning.account.ready.v1",
                    "mooring.backups.policy.created.v1", "mooring.monitoring.monitor.created.v1");
            assertThat(produced).allSatisfy(type -> assertThat(inbox.messages()).as(type)
                    .anySatisfy(message -> assertThat(message).contains(type)));
        });
    }

    @Test
    void everyServiceIsHealthyAndExposesMetricsAndItsApi() throws Exception {
        for (Service service : Service.values()) {
            HttpResponse<String> health = get(platform.url(service) + "/health", null);
            assertThat(health.statusCode()).as(service.id() + " /health").isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"").contains("kafka");
            HttpResponse<String> metrics = get(platform.url(service) + "/prometheus", null);
            assertThat(metrics.statusCode()).as(service.id() + " /prometheus").isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes");
            HttpResponse<String> apiBrowser = get(platform.url(service) + "/swagger-ui/index.html", null);
            assertThat(apiBrowser.statusCode()).as(service.id() + " API browser").isEqualTo(200);
            assertThat(apiBrowser.body()).contains("swagger");
        }
        HttpResponse<String> document = get(platform.url(Service.PROVISIONER) + "/openapi/mooring-provisioner-v1.yml", null);
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).contains("/v1/accounts").contains("/v1/hosts/{id}/desired-state");
    }

    @Test
    void apisNeedABearerTokenAndOperatorScopeToChangeThings() throws Exception {
        for (Service service : Service.values()) {
            HttpResponse<String> anonymous = get(platform.url(service) + "/v1/nothing-here", null);
            assertThat(anonymous.statusCode()).as(service.id()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }
        HttpResponse<String> readerWrites = HTTP.send(HttpRequest.newBuilder(URI.create(platform.url(Service.PROVISIONER) + "/v1/hosts"))
                .header("Authorization", "Bearer " + READ_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(readerWrites.statusCode()).isEqualTo(403);
        assertThat(get(platform.url(Service.PROVISIONER) + "/v1/plans", READ_TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void everyMetricTheAlertRulesAndDashboardsQueryIsExported() throws Exception {
        Map<String, Set<String>> queried = QueriedMetrics.of(root);
        assertThat(queried).containsKeys("mooring_backup_overdue_seconds", "mooring_monitor_schedule_lag_seconds",
                "mooring_events_dead_lettered_total", "http_server_requests_seconds_count", "jvm_memory_used_bytes");
        Path scrapes = Files.createDirectories(Path.of("target", "skeleton-metrics"));
        // kafka-clients' per-partition metrics (records_lag) reach Micrometer up to a minute after assignment
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
            Set<String> exported = new TreeSet<>();
            for (Service service : Service.values()) {
                HttpResponse<String> metrics = get(platform.url(service) + "/prometheus", null);
                assertThat(metrics.statusCode()).as(service.id() + " /prometheus").isEqualTo(200);
                Files.writeString(scrapes.resolve(service.id() + ".txt"), metrics.body());
                exported.addAll(QueriedMetrics.exported(metrics.body()));
            }
            Map<String, Set<String>> missing = new TreeMap<>(queried);
            missing.keySet().removeIf(name -> QueriedMetrics.isExported(name, exported));
            assertThat(missing).as("queried but exported by no service (scrapes in %s)", scrapes.toAbsolutePath()).isEmpty();
        });
    }

    private static String readyEventId(String accountId) throws IOException {
        for (JsonNode event : items(api.get(platform.url(Service.SEARCH) + "/v1/events?subject=" + accountId
                + "&type=mooring.provisioning.account.ready.v1"))) {
            return event.path("id").asText();
        }
        throw new AssertionError("no account.ready event indexed for " + accountId);
    }

    private static Iterable<JsonNode> items(ApiClient.Reply reply) {
        assertThat(reply.status()).as("HTTP status of %s", reply.body()).isEqualTo(200);
        return StreamSupport.stream(Demo.items(reply.body()).spliterator(), false).toList();
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
