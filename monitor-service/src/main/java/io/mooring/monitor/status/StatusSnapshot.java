package io.mooring.monitor.status;

import io.micronaut.core.annotation.Nullable;
import io.mooring.events.monitoring.MonitorState;
import io.mooring.monitor.rollup.UptimeDay;
import io.mooring.monitor.status.maintenance.MaintenanceWindow;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the public status page shows: one page of public groups (or one public group's page of
 * monitors), each shown monitor with its daily uptime, the open incidents of public monitors, and
 * the maintenance windows ahead or under way that cover public monitors (only those monitors listed).
 *
 * @param firstDay   the first of the days the uptime bars cover (the last is today, UTC)
 * @param page       1-based: a page of groups, or of the monitors of {@code onlyGroup}
 * @param pages      how many pages there are (at least 1)
 * @param onlyGroup  set when the page shows one group's monitors
 */
public record StatusSnapshot(Instant updatedAt, LocalDate firstDay, LocalDate lastDay, List<Group> groups,
                             List<OpenIncident> incidents, List<MaintenanceWindow> maintenance, int page, int pages,
                             @Nullable UUID onlyGroup) {

    public StatusSnapshot {
        groups = List.copyOf(groups);
        incidents = List.copyOf(incidents);
        maintenance = List.copyOf(maintenance);
    }

    /** The worst state of all public groups on this page. */
    public MonitorState overall() {
        return PublicState.worst(groups.stream().map(Group::state).toList());
    }

    /**
     * A public group with the states of all its members ({@code counts}) and a page of them ({@code monitors}).
     *
     * @param monitorPages how many pages its monitors fill on the group's own page
     */
    public record Group(UUID id, String name, @Nullable String description, int monitorCount,
                        Map<MonitorState, Integer> counts, List<Monitor> monitors, int monitorPages) {
        public Group {
            counts = Map.copyOf(counts);
            monitors = List.copyOf(monitors);
        }

        public MonitorState state() {
            return PublicState.worst(counts.keySet());
        }
    }

    /** A monitor of a public group and its days with checks (oldest first; days without checks absent). */
    public record Monitor(UUID id, String name, String kind, MonitorState state, List<UptimeDay> days) {
        public Monitor {
            days = List.copyOf(days);
        }

        @Nullable
        public Double uptimePercent() {
            return UptimeDay.uptimePercent(days);
        }
    }

    /** An open incident of a monitor in a public group. */
    public record OpenIncident(UUID id, UUID monitorId, String title, Instant openedAt) {
    }
}
