package io.mooring.monitor.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/**
 * A monitor as the API shows it. {@code heartbeatToken} is set only in the answer to the request
 * that created a heartbeat monitor; everywhere else it is absent.
 */
@Serdeable
public record MonitorView(UUID id, @Nullable String accountId, String name, String kind, @Nullable String target,
                          int intervalSeconds, int timeoutSeconds, @Nullable Integer graceSeconds,
                          int failureThreshold, int successThreshold, String state,
                          MonitorSettings settings, Instant createdAt, Instant updatedAt,
                          @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String heartbeatToken) {

    public static MonitorView of(Monitor monitor) {
        return of(monitor, null);
    }

    /** The answer to a create request: the only one that carries the heartbeat token. */
    public static MonitorView of(MonitorRegistry.Registered registered) {
        String token = registered.heartbeatToken() == null ? null : registered.heartbeatToken().value();
        return of(registered.monitor(), token);
    }

    private static MonitorView of(Monitor monitor, @Nullable String token) {
        return new MonitorView(monitor.id(), monitor.accountId(), monitor.name(), monitor.kind().wireName(),
                monitor.target(), monitor.intervalSeconds(), monitor.timeoutSeconds(), monitor.graceSeconds(),
                monitor.failureThreshold(), monitor.successThreshold(),
                monitor.state().wireName(), monitor.settings(), monitor.createdAt(), monitor.updatedAt(), token);
    }
}
