package io.mooring.monitor.status;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.monitor.rollup.UptimeDay;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The status page as JSON ({@code /status.json}): the same public groups, monitors and incidents.
 * {@code days} lists only the days with checks, oldest first.
 */
@Serdeable
public record StatusJson(Instant updatedAt, String state, int page, int pages, LocalDate firstDay, LocalDate lastDay,
                         List<Group> groups, List<Incident> incidents, List<Maintenance> maintenance) {

    static StatusJson of(StatusSnapshot snapshot) {
        return new StatusJson(snapshot.updatedAt(), snapshot.overall().name(), snapshot.page(), snapshot.pages(),
                snapshot.firstDay(), snapshot.lastDay(), snapshot.groups().stream().map(Group::of).toList(),
                snapshot.incidents().stream().map(i -> new Incident(i.id(), i.monitorId(), i.title(), i.openedAt())).toList(),
                snapshot.maintenance().stream().map(w -> new Maintenance(w.id(), w.title(), w.description(), w.startsAt(),
                        w.endsAt(), w.covers(snapshot.updatedAt()), w.monitorIds())).toList());
    }

    @Serdeable
    public record Group(UUID id, String name, @Nullable String description, String state, int monitorCount,
                        int monitorPages, List<Monitor> monitors) {
        static Group of(StatusSnapshot.Group group) {
            return new Group(group.id(), group.name(), group.description(), group.state().name(), group.monitorCount(),
                    group.monitorPages(), group.monitors().stream().map(Monitor::of).toList());
        }
    }

    /** @param uptimePercent over the days shown; null without checks */
    @Serdeable
    public record Monitor(UUID id, String name, String kind, String state, @Nullable Double uptimePercent,
                          List<Day> days) {
        static Monitor of(StatusSnapshot.Monitor monitor) {
            return new Monitor(monitor.id(), monitor.name(), monitor.kind(), monitor.state().name(),
                    monitor.uptimePercent(), monitor.days().stream().map(Day::of).toList());
        }
    }

    @Serdeable
    public record Day(LocalDate day, int checks, double uptimePercent, long averageLatencyMillis, long maxLatencyMillis) {
        static Day of(UptimeDay day) {
            return new Day(day.day(), day.checks(), day.uptimePercent(), Math.round(day.averageLatencyMillis()),
                    day.latencyMaxMillis());
        }
    }

    /** @param monitorIds the public monitors it covers */
    @Serdeable
    public record Maintenance(UUID id, String title, @Nullable String description, Instant startsAt, Instant endsAt,
                              boolean underWay, List<UUID> monitorIds) {
    }

    @Serdeable
    public record Incident(UUID id, UUID monitorId, String title, Instant openedAt) {
    }
}
