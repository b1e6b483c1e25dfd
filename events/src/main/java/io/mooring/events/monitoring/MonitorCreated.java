package io.mooring.events.monitoring;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;
import io.mooring.events.WireValue;

import java.util.regex.Pattern;

/**
 * A monitor starts watching a target.
 *
 * @param accountId nullable: platform monitors (a host, the status page) belong to no account
 * @param kind      the wire name of a {@link MonitorKind}
 * @param target    for {@code http} an http(s) URL; for {@code tcp} {@code host:port}; for
 *                  {@code heartbeat} the name of the job expected to check in (never its push token);
 *                  for {@code tls}, {@code postgres} and {@code redis} {@code host:port}; for {@code dns} a host name;
 *                  for {@code kafka} bootstrap servers, {@code host:port} separated by commas
 */
@EventType(value = "mooring.monitoring.monitor.created.v1", topic = Topics.MONITORING)
public record MonitorCreated(String monitorId, String accountId, String name, String kind, String target)
        implements MooringEvent {

    // the same pattern as the JSON Schema
    static final Pattern TCP_TARGET = Pattern.compile("^(\\[[0-9A-Fa-f:.]+\\]|[^\\s:/\\[\\]]+):"
            + "([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$");

    // the same pattern as the JSON Schema
    static final Pattern HOST_NAME = Pattern.compile("^[A-Za-z0-9_]([A-Za-z0-9_.-]{0,251}[A-Za-z0-9_.])?$");

    // the same pattern as the JSON Schema: one to twenty host:port, separated by commas
    static final Pattern BOOTSTRAP_SERVERS = Pattern.compile("^(?:(?:\\[[0-9A-Fa-f:.]+\\]|[^\\s:/,\\[\\]]+):[1-9][0-9]{0,4},){0,19}"
            + "(?:\\[[0-9A-Fa-f:.]+\\]|[^\\s:/,\\[\\]]+):[1-9][0-9]{0,4}$");

    public MonitorCreated {
        Require.text(monitorId, "monitorId");
        Require.optionalText(accountId, "accountId");
        Require.text(name, "name");
        switch (WireValue.parse(MonitorKind.class, kind, "kind")) {
            case HTTP -> Require.httpUrl(target, "target");
            case TCP, TLS, POSTGRES, REDIS -> Require.matches(target, TCP_TARGET, "target", "host:port");
            case DNS -> Require.matches(target, HOST_NAME, "target", "a host name");
            case KAFKA -> Require.matches(target, BOOTSTRAP_SERVERS, "target", "host:port[,host:port...]");
            case HEARTBEAT -> Require.text(target, "target");
        }
    }

    @Override
    public String subject() {
        return monitorId;
    }
}
