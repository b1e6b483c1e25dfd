package io.mooring.monitor.probe;

import io.mooring.stack.Servers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The kafka probe against the shared broker, a closed port and a socket that never answers; no Admin
 * client thread outlives a check. (A broker refusing credentials is runtime's {@code KafkaSecurityIT}:
 * the same describeCluster fails with a SaslAuthenticationException, said as in {@code FailuresTest}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaProbeIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private ServerSocket silent;
    private Prober prober;

    @BeforeAll
    void start() throws IOException {
        prober = new Prober(ProbeTls.trusting(List.of()), Clock.systemUTC(), TIMEOUT, ProbeCredentials.NONE);
        // accepts connections (the backlog does) but never says a word
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterAll
    void stop() throws IOException {
        silent.close();
    }

    @Test
    void aClusterThatAnswersMetadataIsUpWithItsBrokers() {
        ProbeResult result = prober.check(kafka(Servers.kafka().bootstrapServers(), null), TIMEOUT);

        assertThat(result.status()).as(result.reason()).isEqualTo(ProbeStatus.UP);
        assertThat(result.reason()).startsWith("cluster ").contains("1 broker(s)");
        assertNoAdminThreadLeft();
    }

    @Test
    void aClosedPortIsDownAtOnceWithTheReason() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        long started = System.nanoTime();
        ProbeResult result = prober.check(kafka("127.0.0.1:" + closed, null), TIMEOUT);

        assertThat(result.status()).isEqualTo(ProbeStatus.DOWN);
        assertThat(result.reason()).isEqualTo("127.0.0.1:" + closed + ": connection refused");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT);
        assertNoAdminThreadLeft();
    }

    @Test
    void aBrokerThatNeverAnswersHoldsTheCheckNoLongerThanItsTimeout() {
        Duration timeout = Duration.ofSeconds(1);
        long started = System.nanoTime();
        ProbeResult result = prober.check(kafka("127.0.0.1:" + silent.getLocalPort(), null), timeout);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(result.status()).isEqualTo(ProbeStatus.DOWN);
        assertThat(result.reason()).startsWith("timed out after 1000 ms");
        assertThat(took).isLessThan(timeout.plusMillis(300));
        assertNoAdminThreadLeft();
    }

    @Test
    void credentialsThatAreNotConfiguredAreAReasonNotAnError() {
        ProbeResult result = prober.check(kafka(Servers.kafka().bootstrapServers(), "nobody"), TIMEOUT);

        assertThat(result.status()).isEqualTo(ProbeStatus.DOWN);
        assertThat(result.reason()).contains("no Kafka credentials named 'nobody'");
    }

    @Test
    void theFirstBootstrapServerThatAnswersWillDo() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        ProbeResult result = prober.check(kafka("127.0.0.1:" + closed + "," + Servers.kafka().bootstrapServers(), null), TIMEOUT);

        assertThat(result.status()).as(result.reason()).isEqualTo(ProbeStatus.UP);
    }

    private static Check.Kafka kafka(String bootstrap, String credentials) {
        return new Check.Kafka(Arrays.stream(bootstrap.split(",")).map(Endpoint::parse).toList(), credentials);
    }

    /** Each Admin client's network thread is named after its client id; it ends soon after its check. */
    private static void assertNoAdminThreadLeft() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                        .noneMatch(name -> name.contains(KafkaProbe.CLIENT_ID_PREFIX)));
    }
}
