package io.mooring.monitor.monitor;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import io.mooring.events.monitoring.MonitorKind;
import io.mooring.events.monitoring.MonitorState;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Something watched: a target probed every {@code intervalSeconds} within {@code timeoutSeconds}
 * as its {@link MonitorSettings} say, or a job expected to check in that often, up to
 * {@code graceSeconds} late. Not serialized as such: the API answers
 * with {@link MonitorView}, which never carries the heartbeat token.
 *
 * @param accountId            null for platform monitors
 * @param heartbeatTokenSha256 heartbeat monitors only; see {@link HeartbeatToken}
 */
@MappedEntity("monitor")
public record Monitor(@Id UUID id, @Nullable String accountId, String name,
                      @TypeDef(type = DataType.STRING, converter = MonitorKindColumn.class) MonitorKind kind,
                      @Nullable String target, int intervalSeconds, @Nullable Integer graceSeconds, MonitorState state,
                      @Nullable String heartbeatTokenSha256, Instant createdAt, Instant updatedAt,
                      @TypeDef(type = DataType.JSON) MonitorSettings settings, int timeoutSeconds,
                      int failureThreshold, int successThreshold) {

    /** The same monitor in another state, changed at {@code now}. */
    public Monitor withState(MonitorState newState, Instant now) {
        return new Monitor(id, accountId, name, kind, target, intervalSeconds, graceSeconds, newState, heartbeatTokenSha256,
                createdAt, now, settings, timeoutSeconds, failureThreshold, successThreshold);
    }

    public Monitor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(settings, "settings");
    }
}
