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
                          int intervalSeconds, @Nullable Integer graceSeconds, String state,
                          Instant createdAt, Instant updatedAt,
                          @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String heartbeatToken) {

    public static MonitorView of(Monitor monitor) {
        return new MonitorView(monitor.id(), monitor.accountId(), monitor.name(), monitor.kind().wireName(),
                monitor.target(), monitor.intervalSeconds(), monitor.graceSeconds(), monitor.state().wireName(),
                monitor.createdAt(), monitor.updatedAt(), null);
    }

    /** The answer to a create request: the only one that carries the heartbeat token. */
    public static MonitorView of(MonitorRegistry.Registered registered) {
        MonitorView view = of(registered.monitor());
        String token = registered.heartbeatToken() == null ? null : registered.heartbeatToken().value();
        return new MonitorView(view.id, view.accountId, view.name, view.kind, view.target, view.intervalSeconds,
                view.graceSeconds, view.state, view.createdAt, view.updatedAt, token);
    }
}
