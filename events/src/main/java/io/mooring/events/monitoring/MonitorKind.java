package io.mooring.events.monitoring;

import io.mooring.events.WireValue;

/** How a monitor checks its target. Events carry the wire name. */
public enum MonitorKind implements WireValue {
    HTTP("http"),
    TCP("tcp"),
    HEARTBEAT("heartbeat"),
    /** The TLS certificate of {@code host:port}: trusted and not about to expire. */
    TLS("tls"),
    /** A PostgreSQL server at {@code host:port} answers the start-up. */
    POSTGRES("postgres"),
    /** A Redis server at {@code host:port} answers PING. */
    REDIS("redis"),
    /** A host name resolves. */
    DNS("dns"),
    /** A Kafka cluster, reached through its bootstrap servers, answers a metadata request. */
    KAFKA("kafka");

    private final String wireName;

    MonitorKind(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** The constant named {@code value}, or an {@link IllegalArgumentException}. */
    public static MonitorKind fromWire(String value) {
        return WireValue.parse(MonitorKind.class, value, "kind");
    }
}
