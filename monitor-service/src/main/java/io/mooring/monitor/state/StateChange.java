package io.mooring.monitor.state;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.Instant;
import java.util.UUID;

/** One state change of a monitor; {@code from} and {@code to} are {@code MonitorState} wire names. */
@MappedEntity("monitor_state_change")
public record StateChange(@Id UUID id, UUID monitorId, Instant at, @MappedProperty("from_state") String from,
                          @MappedProperty("to_state") String to, String reason) {
}
