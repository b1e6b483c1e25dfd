package io.mooring.provisioner.desiredstate;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.runtime.Ids;
import io.mooring.stack.Ports;
import io.mooring.testing.Nginx;
import io.mooring.testing.RealServersProperties;
import io.mooring.stack.ServerKind;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * {@code GET /v1/hosts/{id}/desired-state} on real Postgres. Hosts are registered through the API;
 * accounts and site resources, which other parts of the provisioner own, are written as rows.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DesiredStateApiIT implements TestPropertyProvider {
    private static final String OPERATOR = "desired-state-it-operator";
    private static final String READER = "desired-state-it-reader";

    @Inject
    @Client("/")
    HttpClient client;

    private Map<String, String> properties;

    @Override
    public Map<String, String> getProperties() {
        properties = new HashMap<>(RealServersProperties.withFreshDatabase("provisioner", ServerKind.KAFKA, ServerKind.POSTGRES, ServerKind.REDIS));
        properties.put("mooring.auth.operator-tokens", OPERATOR);
        properties.put("mooring.auth.read-tokens", READER);
        // nginx -t binds the listen addresses: a free unprivileged port keeps the check rootless
        properties.put("mooring.desired-state.nginx.listen", "127.0.0.1:" + Ports.free());
        return properties;
    }

    @Test
    void servesEveryAccountsSliceAndSiteWithAStableEtag() throws Exception {
        UUID host = registerHost(16384);
        UUID acme = account(host, "small", "READY");
        UUID globex = account(host, "medium", "READY");
        site(acme, "shop-" + suffix() + ".example.org", "http://127.0.0.1:8080", "READY");
        site(globex, "social-" + suffix() + ".example.org", "unix:/run/mooring/globex/puma.sock", "READY");

        HttpResponse<Map> first = desiredState(host, READER, null);
        HttpResponse<Map> second = desiredState(host, READER, null);

        assertThat(first.code()).isEqualTo(200);
        String etag = first.header(HttpHeaders.ETAG);
        assertThat(etag).matches("\"[0-9a-f]{64}\"");
        assertThat(second.header(HttpHeaders.ETAG)).isEqualTo(etag);
        assertThat(second.body()).isEqualTo(first.body());

        Map<?, ?> body = first.body();
        assertThat(body.get("hostId")).isEqualTo(host.toString());
        assertThat("\"" + body.get("etag") + "\"").isEqualTo(etag);
        List<Map<String, Object>> slices = list(body, "slices");
        assertThat(slices).extracting(s -> s.get("accountId")).containsExactlyInAnyOrder(acme.toString(), globex.toString());
        Map<String, Object> small = slices.stream().filter(s -> s.get("accountId").equals(acme.toString())).findFirst().orElseThrow();
        assertThat(small.get("unit")).isEqualTo("mooring-acct-" + acme.toString().replace("-", "") + ".slice");
        assertThat((Map<String, Object>) small.get("properties")).containsExactly(entry("CPUWeight", "100"), entry("IOWeight", "100"),
                entry("MemoryHigh", "512M"), entry("MemoryMax", "512M"), entry("TasksMax", "256"));
        assertThat((String) small.get("text")).contains("[Slice]\nCPUWeight=100\n");
        assertThat(list(body, "sites")).extracting(s -> s.get("upstream"))
                .containsExactly("http://127.0.0.1:8080", "unix:/run/mooring/globex/puma.sock");
        assertThat((String) body.get("nginx")).contains("proxy_pass http://unix:/run/mooring/globex/puma.sock:;");
        assertThat(list(body, "rejectedSites")).isEmpty();
    }

    @Test
    void answersNotModifiedWithoutABodyWhileNothingChanged() {
        UUID host = registerHost(8192);
        account(host, "small", "READY");
        String etag = desiredState(host, READER, null).header(HttpHeaders.ETAG);

        HttpResponse<String> unchanged = client.toBlocking().exchange(get(host, READER, etag), String.class);
        HttpResponse<Map> other = desiredState(host, READER, "\"" + "0".repeat(64) + "\"");

        assertThat(unchanged.code()).isEqualTo(304);
        assertThat(unchanged.header(HttpHeaders.ETAG)).isEqualTo(etag);
        assertThat(unchanged.getBody(String.class)).isEmpty();
        assertThat(other.code()).isEqualTo(200);
        assertThat(other.header(HttpHeaders.ETAG)).isEqualTo(etag);
    }

    @Test
    void aNewAccountChangesTheEtagAndEveryAccountsShare() {
        String plan = plan(128, 2048, 64);
        UUID host = registerHost(2048);
        UUID first = account(host, plan, "READY");
        HttpResponse<Map> alone = desiredState(host, READER, null);
        assertThat(memoryHigh(alone.body(), first)).isEqualTo("2048M");

        UUID second = account(host, plan, "READY");
        HttpResponse<Map> together = desiredState(host, READER, alone.header(HttpHeaders.ETAG));

        assertThat(together.code()).isEqualTo(200);
        assertThat(together.header(HttpHeaders.ETAG)).isNotEqualTo(alone.header(HttpHeaders.ETAG));
        assertThat(memoryHigh(together.body(), first)).isEqualTo("1024M");
        assertThat(memoryHigh(together.body(), second)).isEqualTo("1024M");
    }

    @Test
    void aSiteChangesTheEtagOnlyOnceItIsReady() {
        UUID host = registerHost(8192);
        UUID account = account(host, "small", "READY");
        String before = desiredState(host, READER, null).header(HttpHeaders.ETAG);
        String domain = "blog-" + suffix() + ".example.org";
        UUID site = site(account, domain, "http://127.0.0.1:4000", "PROVISIONING");

        assertThat(desiredState(host, READER, null).header(HttpHeaders.ETAG)).isEqualTo(before);

        sql("UPDATE resource SET state = 'READY' WHERE id = ?", site);
        HttpResponse<Map> ready = desiredState(host, READER, before);

        assertThat(ready.code()).isEqualTo(200);
        assertThat(ready.header(HttpHeaders.ETAG)).isNotEqualTo(before);
        assertThat(list(ready.body(), "sites")).singleElement().satisfies(s -> {
            assertThat(s.get("domain")).isEqualTo(domain);
            assertThat(s.get("accountId")).isEqualTo(account.toString());
            assertThat(s.get("upstream")).isEqualTo("http://127.0.0.1:4000");
        });
        assertThat((String) ready.body().get("nginx")).contains("server_name " + domain + ";");
    }

    @Test
    void aSuspendedAccountIsSqueezedAndADeletedOneLeaves() {
        UUID host = registerHost(8192);
        UUID active = account(host, "small", "READY");
        UUID paused = account(host, "small", "SUSPENDED");
        UUID gone = account(host, "small", "DELETED");
        String domain = "paused-" + suffix() + ".example.org";
        site(paused, domain, "http://127.0.0.1:5000", "READY");
        site(gone, "gone-" + suffix() + ".example.org", "http://127.0.0.1:5001", "READY");

        Map<?, ?> body = desiredState(host, READER, null).body();

        List<Map<String, Object>> slices = list(body, "slices");
        assertThat(slices).extracting(s -> s.get("accountId")).containsExactlyInAnyOrder(active.toString(), paused.toString());
        Map<String, Object> squeezed = slices.stream().filter(s -> s.get("accountId").equals(paused.toString())).findFirst().orElseThrow();
        assertThat(squeezed.get("suspended")).isEqualTo(true);
        assertThat((Map<String, Object>) squeezed.get("properties")).contains(entry("CPUQuota", "1%"), entry("CPUWeight", "1"));
        assertThat(list(body, "sites")).singleElement().satisfies(s -> assertThat(s.get("suspended")).isEqualTo(true));
        assertThat((String) body.get("nginx")).contains("server_name " + domain + ";\n    return 503;");
    }

    @Test
    void nginxAcceptsTheServedConfigurationAndABadRowIsReportedNotServed() throws Exception {
        UUID host = registerHost(16384);
        UUID acme = account(host, "small", "READY");
        UUID paused = account(host, "small", "SUSPENDED");
        site(acme, "www-" + suffix() + ".example.org", "http://127.0.0.1:8080", "READY");
        site(acme, "api-" + suffix() + ".example.org", "http://localhost:9090/", "READY");
        site(acme, "ws-" + suffix() + ".example.org", "unix:/run/mooring/acme/ws.sock", "READY");
        site(paused, "old-" + suffix() + ".example.org", "http://127.0.0.1:7070", "READY");
        UUID bad = site(acme, "bad-" + suffix() + ".example.org", "http://127.0.0.1:1; include /etc/shadow", "READY");

        Map<?, ?> body = desiredState(host, READER, null).body();
        Nginx.Check outcome = NginxCheck.test((String) body.get("nginx"));

        assertThat(list(body, "sites")).hasSize(4);
        assertThat(list(body, "rejectedSites")).singleElement().satisfies(r -> {
            assertThat(r.get("resourceId")).isEqualTo(bad.toString());
            assertThat((String) r.get("reason")).contains("upstream");
        });
        assertThat((String) body.get("nginx")).doesNotContain("/etc/shadow")
                .contains("listen " + properties.get("mooring.desired-state.nginx.listen") + ";");
        assertThat(outcome.accepted()).as(outcome.output()).isTrue();
        assertThat(outcome.problems()).isEmpty();
    }

    @Test
    void anUnknownHostIsANotFoundProblem() {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> desiredState(UUID.randomUUID(), READER, null));

        assertThat(e.code()).isEqualTo(404);
        assertThat(e.getResponse().getContentType()).hasValueSatisfying(type -> assertThat(type.toString()).contains("problem+json"));
        assertThat(e.getResponse().getBody(String.class).orElse("")).contains("urn:mooring:problem:not-found");
    }

    @Test
    void needsATokenAndAMeaningfulHostId() {
        HttpClientResponseException anonymous = catchThrowableOfType(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET("/v1/hosts/" + UUID.randomUUID() + "/desired-state"), Map.class));
        HttpClientResponseException malformed = catchThrowableOfType(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET("/v1/hosts/not-a-uuid/desired-state").bearerAuth(READER), Map.class));

        assertThat(anonymous.code()).isEqualTo(401);
        assertThat(malformed.code()).isEqualTo(400);
    }

    private HttpResponse<Map> desiredState(UUID host, String token, String ifNoneMatch) {
        return client.toBlocking().exchange(get(host, token, ifNoneMatch), Map.class);
    }

    private static MutableHttpRequest<?> get(UUID host, String token, String ifNoneMatch) {
        MutableHttpRequest<?> request = HttpRequest.GET("/v1/hosts/" + host + "/desired-state").bearerAuth(token);
        return ifNoneMatch == null ? request : request.header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch);
    }

    private UUID registerHost(long memoryMb) {
        Map<?, ?> host = client.toBlocking().retrieve(HttpRequest.POST("/v1/hosts", Map.of("name", "ds-" + suffix(),
                "datacenter", "par1", "cpuCores", 8, "memoryMb", memoryMb, "diskGb", 500)).bearerAuth(OPERATOR), Map.class);
        return UUID.fromString((String) host.get("id"));
    }

    private String plan(long memoryHighMb, long memoryMaxMb, int tasksMax) {
        String name = "iso-" + suffix();
        sql("INSERT INTO plan (name, cpu_weight, memory_high_mb, memory_max_mb, disk_quota_gb, tasks_max, max_databases, "
                + "max_redis, max_buckets, max_sites) VALUES (?, 100, ?, ?, 10, ?, 1, 1, 1, 5)", name, memoryHighMb, memoryMaxMb, tasksMax);
        return name;
    }

    private UUID account(UUID host, String plan, String state) {
        UUID id = Ids.next();
        Timestamp now = Timestamp.from(Instant.now());
        boolean deleted = "DELETED".equals(state);
        sql("INSERT INTO account (id, name, plan, owner_email, host_id, state, created_at, updated_at, deleted_from, deleted_at,"
                        + " purge_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, "acct-" + suffix(), plan, "ops@example.org", host, state, now, now, deleted ? "READY" : null,
                deleted ? now : null, deleted ? Timestamp.from(Instant.now().plusSeconds(3600)) : null);
        return id;
    }

    private UUID site(UUID account, String domain, String upstream, String state) {
        UUID id = Ids.next();
        Timestamp now = Timestamp.from(Instant.now());
        sql("INSERT INTO resource (id, account_id, kind, name, state, spec, created_at, updated_at) "
                        + "VALUES (?, ?, 'site', ?, ?, jsonb_build_object('domain', ?::text, 'upstream', ?::text), ?, ?)",
                id, account, domain.substring(0, domain.indexOf('.')), state, domain, upstream, now, now);
        return id;
    }

    private void sql(String statement, Object... parameters) {
        String url = "jdbc:postgresql://" + properties.get("mooring.pg.host") + ":" + properties.get("mooring.pg.port")
                + "/" + properties.get("mooring.pg.database");
        try (Connection connection = DriverManager.getConnection(url, properties.get("mooring.pg.user"), properties.getOrDefault("mooring.pg.password", ""));
             PreparedStatement prepared = connection.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                prepared.setObject(i + 1, parameters[i]);
            }
            prepared.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<?, ?> body, String field) {
        return (List<Map<String, Object>>) body.get(field);
    }

    @SuppressWarnings("unchecked")
    private static String memoryHigh(Map<?, ?> body, UUID account) {
        return list(body, "slices").stream().filter(s -> s.get("accountId").equals(account.toString()))
                .map(s -> ((Map<String, Object>) s.get("properties")).get("MemoryHigh")).findFirst().orElseThrow().toString();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
