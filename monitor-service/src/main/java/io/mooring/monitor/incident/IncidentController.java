package io.mooring.monitor.incident;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.mooring.monitor.monitor.MonitorRepository;
import io.mooring.runtime.http.ProblemException;
import io.mooring.runtime.paging.Page;
import io.mooring.runtime.paging.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

@Tag(name = "incidents")
@Controller("/v1")
public class IncidentController {
    private final IncidentRepository incidents;
    private final IncidentEntryRepository entries;
    private final MonitorRepository monitors;

    IncidentController(IncidentRepository incidents, IncidentEntryRepository entries, MonitorRepository monitors) {
        this.incidents = incidents;
        this.entries = entries;
        this.monitors = monitors;
    }

    /** A page of incidents, oldest first, each with its timeline; {@code state}: open or resolved. */
    @Get("/incidents")
    @Operation(summary = "List incidents", description = "Pass nextCursor back as cursor for the next page.")
    public Page<IncidentView> list(@QueryValue @Nullable String state, @QueryValue @Nullable Integer limit,
                                   @QueryValue @Nullable String cursor) {
        return page(null, state, limit, cursor);
    }

    @Get("/incidents/{id}")
    @Operation(summary = "Show an incident with its timeline")
    public IncidentView get(@PathVariable UUID id) {
        Incident incident = incidents.findById(id).orElseThrow(() -> ProblemException.notFound("incident", id));
        return IncidentView.of(incident, entries.timelines(List.of(id)));
    }

    /** The monitor's incidents, oldest first. */
    @Get("/monitors/{id}/incidents")
    @Operation(summary = "List a monitor's incidents")
    public Page<IncidentView> ofMonitor(@PathVariable UUID id, @QueryValue @Nullable String state,
                                        @QueryValue @Nullable Integer limit, @QueryValue @Nullable String cursor) {
        if (!monitors.existsById(id)) {
            throw ProblemException.notFound("monitor", id);
        }
        return page(id, state, limit, cursor);
    }

    private Page<IncidentView> page(@Nullable UUID monitorId, @Nullable String state, @Nullable Integer limit,
                                    @Nullable String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        Boolean open = switch (state) {
            case null -> null;
            case "open" -> true;
            case "resolved" -> false;
            default -> throw ProblemException.invalid("state", "must be open or resolved");
        };
        List<Incident> found = incidents.page(monitorId, open, page.after(), page.fetchSize());
        Map<UUID, List<IncidentEntry>> timelines = found.isEmpty() ? Map.of()
                : entries.timelines(found.stream().map(Incident::id).toList()).stream()
                .collect(Collectors.groupingBy(IncidentEntry::incidentId));
        return Page.of(found.stream().map(i -> IncidentView.of(i, timelines.getOrDefault(i.id(), List.of()))).toList(),
                page, IncidentView::id);
    }
}
