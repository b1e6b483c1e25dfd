package io.mooring.monitor.heartbeat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.mooring.runtime.redis.RedisConnections;
import io.mooring.runtime.redis.RedisSettings;
import io.mooring.stack.Servers;
import io.mooring.testing.MovableClock;
import io.mooring.testing.TcpRelay;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two limiters, as two replicas have them, each with its own TLS connection (made as the service makes it) to the
 * shared Redis: a check-in accepted by one is refused by the other within the interval, and a Redis that does not
 * answer lets check-ins through within the timeout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckInLimiterIT {
    private static final Duration TIMEOUT = Duration.ofMillis(250);

    private final MovableClock clock = new MovableClock();
    private final List<RedisClient> clients = new ArrayList<>();
    private final String prefix = "test:check-in-limiter:" + UUID.randomUUID() + ":";
    private CheckInLimiter first;
    private CheckInLimiter second;

    @BeforeAll
    void connect() {
        first = limiter(Servers.redis().uri(), Duration.ofSeconds(1));
        second = limiter(Servers.redis().uri(), Duration.ofSeconds(1));
    }

    @AfterAll
    void close() {
        clients.forEach(RedisClient::shutdown);
    }

    @Test
    void aCheckInAcceptedByOneReplicaIsRefusedByAnotherWithinTheInterval() {
        String token = digest();
        String other = digest();
        assertThat(first.acquire(token)).isEmpty();
        assertThat(second.acquire(token)).isEqualTo(OptionalLong.of(1));
        assertThat(second.acquire(other)).as("another token has its own interval").isEmpty();
        assertThat(first.acquire(other)).isEqualTo(OptionalLong.of(1));

        clock.advance(Duration.ofMillis(999));
        assertThat(second.acquire(token)).isEqualTo(OptionalLong.of(1));
        clock.advance(Duration.ofMillis(1));
        assertThat(second.acquire(token)).isEmpty();
        assertThat(first.acquire(token)).as("accepted by the second now").isEqualTo(OptionalLong.of(1));
    }

    @Test
    void refusedCheckInsDoNotExtendTheIntervalAndRetryAfterRoundsUp() {
        CheckInLimiter slow = limiter(Servers.redis().uri(), Duration.ofSeconds(10));
        CheckInLimiter slowToo = limiter(Servers.redis().uri(), Duration.ofSeconds(10));
        String token = digest();
        assertThat(slow.acquire(token)).isEmpty();
        clock.advance(Duration.ofMillis(1_500));
        assertThat(slowToo.acquire(token)).isEqualTo(OptionalLong.of(9));
        clock.advance(Duration.ofMillis(8_500));
        assertThat(slowToo.acquire(token)).isEmpty();
    }

    @Test
    void checkInsPassWhileRedisDoesNotAnswer() throws URISyntaxException {
        URI shared = new URI(Servers.redis().uri());
        TcpRelay relay = new TcpRelay(new InetSocketAddress(shared.getHost(), shared.getPort()));
        relay.start();
        try {
            CheckInLimiter cut = limiter(new URI(shared.getScheme(), shared.getUserInfo(), shared.getHost(), relay.port(),
                    shared.getPath(), null, null).toString(), Duration.ofSeconds(1));
            String token = digest();
            assertThat(cut.acquire(token)).isEmpty();
            assertThat(cut.acquire(token)).as("enforced while Redis answers").isPresent();

            relay.stop();
            long started = System.nanoTime();
            assertThat(cut.acquire(token)).isEmpty();
            assertThat(cut.acquire(token)).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.multipliedBy(2).plusSeconds(1));
        } finally {
            relay.stop();
        }
    }

    private CheckInLimiter limiter(String uri, Duration interval) {
        RedisSettings settings = new RedisSettings();
        settings.setUri(uri);
        settings.setCaFile(Servers.redis().caCertificate().toString());
        RedisClient client = RedisConnections.create(settings);
        clients.add(client);
        StatefulRedisConnection<String, String> connection = client.connect();
        return new CheckInLimiter(() -> connection, prefix, clock, interval, TIMEOUT);
    }

    private static String digest() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
