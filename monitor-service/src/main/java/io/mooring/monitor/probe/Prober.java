package io.mooring.monitor.probe;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Runs one {@link Check} within a timeout and says what it found. Blocking and thread-safe: call it
 * from as many (virtual) threads as checks should run at once. It never throws for a target's
 * failure; only a programming error escapes.
 */
public final class Prober {
    private final HttpProbe http;
    private final SocketProbes sockets;
    private final DnsProbe dns = new DnsProbe();
    private final KafkaProbe kafka;
    private final PostgresRoleProbe postgresRoles;

    /** A prober without credentials: Kafka monitors and PostgreSQL monitor roles that name some are DOWN. */
    public Prober(ProbeTls tls, Clock clock, Duration connectTimeout) {
        this(tls, clock, connectTimeout, ProbeCredentials.NONE);
    }

    public Prober(ProbeTls tls, Clock clock, Duration connectTimeout, ProbeCredentials credentials) {
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(credentials, "credentials");
        this.http = new HttpProbe(tls, connectTimeout);
        this.sockets = new SocketProbes(tls, clock);
        this.kafka = new KafkaProbe(credentials);
        this.postgresRoles = new PostgresRoleProbe(credentials);
    }

    public ProbeResult check(Check check, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        return switch (check) {
            case Check.Http h -> http.check(h, timeout);
            case Check.Tcp t -> sockets.tcp(t, timeout);
            case Check.Tls t -> sockets.tls(t, timeout);
            case Check.Postgres p -> p.monitorRole() == null ? sockets.postgres(p, timeout) : postgresRoles.check(p, timeout);
            case Check.Redis r -> sockets.redis(r, timeout);
            case Check.Dns d -> dns.check(d, timeout);
            case Check.Kafka k -> kafka.check(k, timeout);
        };
    }
}
