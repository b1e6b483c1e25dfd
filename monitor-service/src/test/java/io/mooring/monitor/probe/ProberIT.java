package io.mooring.monitor.probe;

import com.sun.net.httpserver.HttpServer;
import io.mooring.stack.PostgresServer;
import io.mooring.stack.RedisServer;
import io.mooring.stack.Servers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Every probe against real servers on loopback: a JDK HTTP server, the shared Postgres and TLS Redis, sockets that never answer. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProberIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private HttpServer http;
    private com.sun.net.httpserver.HttpsServer https;
    private java.nio.file.Path devCa;
    private ServerSocket silent;
    private final CountDownLatch release = new CountDownLatch(1);
    private Prober prober;
    private RedisServer redis;
    private PostgresServer postgres;

    @BeforeAll
    void start() throws IOException {
        redis = Servers.redis();
        postgres = Servers.postgres();
        prober = new Prober(ProbeTls.trusting(List.of(redis.caCertificate())), Clock.systemUTC(), TIMEOUT);
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/ok", exchange -> answer(exchange, 200, "all systems nominal"));
        http.createContext("/fail", exchange -> answer(exchange, 503, "maintenance"));
        http.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/ok");
            answer(exchange, 302, "");
        });
        http.createContext("/slow", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200, "late");
        });
        http.createContext("/health.json", exchange -> answer(exchange, 200,
                "{\"status\": \"ok\", \"queue\": {\"depth\": 12}, \"checks\": [{\"ok\": true}, {\"ok\": true}]}"));
        http.createContext("/degraded.json", exchange -> answer(exchange, 200,
                "{\"status\": \"degraded\", \"checks\": [{\"ok\": true}, {\"ok\": false}]}"));
        http.createContext("/echo-header", exchange ->
                answer(exchange, 200, "token=" + exchange.getRequestHeaders().getFirst("X-Probe")));
        http.start();
        https = startHttps();
        // accepts connections (the backlog does) but never says a word
        silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    }

    @AfterAll
    void stop() throws IOException {
        release.countDown();
        http.stop(0);
        https.stop(0);
        silent.close();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** An HTTPS server with a certificate for 127.0.0.1 from a fresh dev CA that the prober trusts. */
    private com.sun.net.httpserver.HttpsServer startHttps() throws IOException {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("prober-https");
        devCa = io.mooring.stack.DevCertificates.ensure(dir);
        try {
            java.security.cert.Certificate certificate = java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(java.nio.file.Files.newInputStream(dir.resolve(io.mooring.stack.DevCertificates.SERVER_CERT)));
            String pem = java.nio.file.Files.readString(dir.resolve(io.mooring.stack.DevCertificates.SERVER_KEY));
            byte[] der = java.util.Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            java.security.PrivateKey key = java.security.KeyFactory.getInstance("EC")
                    .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, new char[0], new java.security.cert.Certificate[]{certificate});
            javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory.getInstance("PKIX");
            keys.init(store, new char[0]);
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            com.sun.net.httpserver.HttpsServer server = com.sun.net.httpserver.HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(context));
            server.createContext("/ok", exchange -> answer(exchange, 200, "secure"));
            server.start();
            return server;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anHttpsTargetIsUpWithATrustedCertificateAndATlsFailureWithoutUnlessVerificationIsOff() {
        URI url = URI.create("https://127.0.0.1:" + https.getAddress().getPort() + "/ok");
        Prober trusting = new Prober(ProbeTls.trusting(List.of(devCa)), Clock.systemUTC(), TIMEOUT);
        // the first handshake of a fresh client can take seconds on a busy machine
        ProbeResult trusted = trusting.check(get(url), Duration.ofSeconds(15));
        assertThat(trusted.status()).as(trusted.reason()).isEqualTo(ProbeStatus.UP);

        Prober jdkCasOnly = new Prober(ProbeTls.trusting(List.of()), Clock.systemUTC(), TIMEOUT);
        ProbeResult untrusted = jdkCasOnly.check(get(url), TIMEOUT);
        assertThat(untrusted.status()).isEqualTo(ProbeStatus.DOWN);
        assertThat(untrusted.reason()).startsWith("TLS failed");

        Check.Http unverified = new Check.Http(url, "GET", Map.of(), List.of(), "secure", false, true, false, null);
        assertThat(jdkCasOnly.check(unverified, TIMEOUT).status()).isEqualTo(ProbeStatus.UP);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + path);
    }

    private static Check.Http get(URI url) {
        return new Check.Http(url, "GET", Map.of(), List.of(), null, false, true, true, null);
    }

    @Test
    void anHttpTargetAnsweringTheExpectedStatusIsUp() {
        ProbeResult result = prober.check(get(url("/ok")), TIMEOUT);
        assertThat(result.status()).isEqualTo(ProbeStatus.UP);
        assertThat(result.reason()).startsWith("HTTP 200");
        assertThat(result.latency()).isPositive();
    }

    @Test
    void anHttpStatusOutsideTheExpectedRangeIsDownWithTheStatusAsReason() {
        ProbeResult result = prober.check(get(url("/fail")), TIMEOUT);
        assertThat(result.status()).isEqualTo(ProbeStatus.DOWN);
        assertThat(result.reason()).contains("HTTP 503");

        Check.Http expecting503 = new Check.Http(url("/fail"), "GET", Map.of(), List.of(StatusRange.parse("503")),
                null, false, true, true, null);
        assertThat(prober.check(expecting503, TIMEOUT).status()).isEqualTo(ProbeStatus.UP);
    }

    @Test
    void followsRedirectsUnlessToldNotTo() {
        assertThat(prober.check(get(url("/moved")), TIMEOUT).reason()).startsWith("HTTP 200");
        Check.Http staying = new Check.Http(url("/moved"), "GET", Map.of(), List.of(StatusRange.parse("200-299")),
                null, false, false, true, null);
        ProbeResult result = prober.check(staying, TIMEOUT);
        assertThat(result.status()).isEqualTo(ProbeStatus.DOWN);
        assertThat(result.reason()).contains("HTTP 302");
    }

    @Test
    void checksTheKeywordPresentOrAbsentAndSendsTheHeaders() {
        Check.Http present = new Check.Http(url("/ok"), "GET", Map.of(), List.of(), "nominal", false, true, true, null);
        Check.Http absent = new Check.Http(url("/ok"), "GET", Map.of(), List.of(), "nominal", true, true, true, null);
        Check.Http missing = new Check.Http(url("/ok"), "GET", Map.of(), List.of(), "panic", false, true, true, null);
        Check.Http header = new Check.Http(url("/echo-header"), "GET", Map.of("X-Probe", "abc"), List.of(),
                "token=abc", false, true, true, null);

        assertThat(prober.check(present, TIMEOUT).status()).isEqualTo(ProbeStatus.UP);
        assertThat(prober.check(absent, TIMEOUT).reason()).contains("keyword 'nominal' present");
        assertThat(prober.check(missing, TIMEOUT).reason()).contains("keyword 'panic' missing");
        assertThat(prober.check(header, TIMEOUT).status()).isEqualTo(ProbeStatus.UP);
    }

    @Test
    void aJsonConditionIsMetOrDownWithWhatTheBodySaid() {
        assertThat(json("/health.json", new JsonCondition("$.status", "ok", null, null, null, null)).reason())
                .startsWith("HTTP 200 in");
        assertThat(json("/degraded.json", new JsonCondition("$.status", "ok", null, null, null, null)).reason())
                .isEqualTo("HTTP 200 but $.status is 'degraded', expected ok");
        assertThat(json("/degraded.json", new JsonCondition("$.status", null, "degraded", null, null, null)).reason())
                .isEqualTo("HTTP 200 but $.status is degraded");
        assertThat(json("/health.json", new JsonCondition("$.queue.depth", null, null, null, new java.math.BigDecimal("10"), null)).isUp())
                .isTrue();
        assertThat(json("/health.json", new JsonCondition("$.queue.depth", null, null, null, null, new java.math.BigDecimal("10"))).reason())
                .isEqualTo("HTTP 200 but $.queue.depth is 12, expected less than 10");
        assertThat(json("/health.json", new JsonCondition("$.queue.depth", "12.0", null, null, null, null)).isUp()).isTrue();
        assertThat(json("/health.json", new JsonCondition("$.status", null, null, null, new java.math.BigDecimal("1"), null)).reason())
                .isEqualTo("HTTP 200 but $.status is 'ok', not a number");
    }

    @Test
    void aJsonPathThatSelectsNothingOrABodyThatIsNotJsonIsDown() {
        assertThat(json("/health.json", new JsonCondition("$.version", null, null, true, null, null)).reason())
                .isEqualTo("HTTP 200 but $.version not found in the body");
        assertThat(json("/health.json", new JsonCondition("$.error", null, null, false, null, null)).isUp()).isTrue();
        assertThat(json("/ok", new JsonCondition("$.status", "ok", null, null, null, null)).reason())
                .isEqualTo("HTTP 200 but body is not JSON");
        // a path selecting several values passes only when each passes
        assertThat(json("/health.json", new JsonCondition("$.checks[*].ok", "true", null, null, null, null)).isUp()).isTrue();
        assertThat(json("/degraded.json", new JsonCondition("$.checks[*].ok", "true", null, null, null, null)).reason())
                .isEqualTo("HTTP 200 but $.checks[*].ok is false, expected true");
    }

    private ProbeResult json(String path, JsonCondition condition) {
        return prober.check(new Check.Http(URI.create("http://127.0.0.1:" + http.getAddress().getPort() + path), "GET",
                Map.of(), null, null, false, true, true, null, condition), TIMEOUT);
    }

    @Test
    void aSlowHttpTargetTimesOutAsDownAndASlowishOneIsDegraded() {
        long started = System.nanoTime();
        ProbeResult result = prober.check(get(url("/slow")), Duration.ofMillis(300));
        assertThat(result.status()).isEqualTo(ProbeStatus.DOWN);
        assertThat(result.reason()).contains("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));

        Check.Http strict = new Check.Http(url("/ok"), "GET", Map.of(), List.of(), null, false, true, true, Duration.ofNanos(1));
        assertThat(prober.check(strict, TIMEOUT).status()).isEqualTo(ProbeStatus.DEGRADED);
    }

    @Test
    void aRefusedConnectionIsDownWithAReason() throws IOException {
        int closed = freePort();
        ProbeResult viaHttp = prober.check(get(URI.create("http://127.0.0.1:" + closed + "/")), TIMEOUT);
        ProbeResult viaTcp = prober.check(new Check.Tcp(new Endpoint("127.0.0.1", closed)), TIMEOUT);
        assertThat(viaHttp.status()).isEqualTo(ProbeStatus.DOWN);
        assertThat(viaHttp.reason()).isNotBlank();
        assertThat(viaTcp.status()).isEqualTo(ProbeStatus.DOWN);
        assertThat(viaTcp.reason()).contains("refused");
    }

    @Test
    void aTcpPortThatAcceptsIsUp() {
        ProbeResult result = prober.check(new Check.Tcp(new Endpoint("127.0.0.1", http.getAddress().getPort())), TIMEOUT);
        assertThat(result.status()).isEqualTo(ProbeStatus.UP);
    }

    @Test
    void aTlsCertificateReportsItsDaysLeftAndDegradesOrFailsNearAndPastExpiry() {
        Endpoint endpoint = redisEndpoint();
        ProbeResult now = prober.check(new Check.Tls(endpoint, 14), TIMEOUT);
        assertThat(now.status()).as(now.reason()).isEqualTo(ProbeStatus.UP);
        assertThat(now.certificateDaysLeft()).isPositive();

        Instant nearExpiry = Instant.now().plus(Duration.ofDays(now.certificateDaysLeft() - 3));
        Prober later = new Prober(ProbeTls.trusting(List.of(redis.caCertificate())), Clock.fixed(nearExpiry, ZoneOffset.UTC), TIMEOUT);
        ProbeResult soon = later.check(new Check.Tls(endpoint, 14), TIMEOUT);
        assertThat(soon.status()).isEqualTo(ProbeStatus.DEGRADED);
        assertThat(soon.certificateDaysLeft()).isBetween(1L, 3L);

        Prober afterExpiry = new Prober(ProbeTls.trusting(List.of(redis.caCertificate())),
                Clock.fixed(Instant.now().plus(Duration.ofDays(now.certificateDaysLeft() + 2)), ZoneOffset.UTC), TIMEOUT);
        ProbeResult expired = afterExpiry.check(new Check.Tls(endpoint, 14), TIMEOUT);
        assertThat(expired.status()).isEqualTo(ProbeStatus.DOWN);
        assertThat(expired.reason()).contains("expired");
    }

    @Test
    void anUntrustedCertificateIsATlsFailure() {
        Prober jdkCasOnly = new Prober(ProbeTls.trusting(List.of()), Clock.systemUTC(), TIMEOUT);
        ProbeResult result = jdkCasOnly.check(new Check.Tls(redisEndpoint(), 14), TIMEOUT);
        assertThat(result.status()).isEqualTo(ProbeStatus.DOWN);
        assertThat(result.reason()).startsWith("TLS failed");
    }

    @Test
    void aPostgresServerAnsweringTheStartupIsUpWithoutAPassword() {
        Endpoint endpoint = new Endpoint(postgres.host(), postgres.port());
        ProbeResult known = prober.check(new Check.Postgres(endpoint, postgres.user(), "postgres", false), TIMEOUT);
        ProbeResult unknownRole = prober.check(new Check.Postgres(endpoint, "mooring_monitor", "postgres", false), TIMEOUT);
        assertThat(known.status()).as(known.reason()).isEqualTo(ProbeStatus.UP);
        assertThat(known.reason()).startsWith("PostgreSQL");
        assertThat(unknownRole.status()).as(unknownRole.reason()).isEqualTo(ProbeStatus.UP);
    }

    @Test
    void somethingElseOnAPostgresPortIsDown() {
        ProbeResult http = prober.check(new Check.Postgres(new Endpoint("127.0.0.1", this.http.getAddress().getPort()),
                "mooring_monitor", "postgres", false), TIMEOUT);
        assertThat(http.status()).isEqualTo(ProbeStatus.DOWN);
        ProbeResult mute = prober.check(new Check.Postgres(new Endpoint("127.0.0.1", silent.getLocalPort()),
                "mooring_monitor", "postgres", false), Duration.ofMillis(300));
        assertThat(mute.status()).isEqualTo(ProbeStatus.DOWN);
        assertThat(mute.reason()).contains("timed out");
    }

    @Test
    void aRedisServerOverTlsAskingForAuthenticationIsUp() {
        ProbeResult result = prober.check(new Check.Redis(redisEndpoint(), true), TIMEOUT);
        assertThat(result.status()).as(result.reason()).isEqualTo(ProbeStatus.UP);
    }

    @Test
    void aTlsOnlyRedisSpokenToInPlainTextOrAMuteSocketIsDown() {
        ProbeResult plain = prober.check(new Check.Redis(redisEndpoint(), false), Duration.ofMillis(500));
        assertThat(plain.status()).isEqualTo(ProbeStatus.DOWN);
        ProbeResult mute = prober.check(new Check.Redis(new Endpoint("127.0.0.1", silent.getLocalPort()), false),
                Duration.ofMillis(300));
        assertThat(mute.status()).isEqualTo(ProbeStatus.DOWN);
        assertThat(mute.reason()).contains("timed out");
    }

    @Test
    void aNameThatResolvesIsUpAndCanBeHeldToAnAddress() {
        assertThat(prober.check(new Check.Dns("localhost", null), TIMEOUT).status()).isEqualTo(ProbeStatus.UP);
        assertThat(prober.check(new Check.Dns("localhost", "127.0.0.1"), TIMEOUT).status()).isEqualTo(ProbeStatus.UP);
        ProbeResult elsewhere = prober.check(new Check.Dns("localhost", "10.9.8.7"), TIMEOUT);
        assertThat(elsewhere.status()).isEqualTo(ProbeStatus.DOWN);
        assertThat(elsewhere.reason()).contains("not 10.9.8.7");
    }

    @Test
    void aNameThatDoesNotResolveIsDown() {
        ProbeResult result = prober.check(new Check.Dns("no-such-host.invalid", null), TIMEOUT);
        assertThat(result.status()).isEqualTo(ProbeStatus.DOWN);
        assertThat(result.reason()).satisfiesAnyOf(
                reason -> assertThat(reason).contains("does not resolve"),
                reason -> assertThat(reason).contains("timed out"));
    }

    private Endpoint redisEndpoint() {
        URI uri = URI.create(redis.uri());
        return new Endpoint(uri.getHost(), uri.getPort());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
