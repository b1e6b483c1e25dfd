package io.mooring.monitor.rollup;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.monitor.monitor.MonitorRepository;
import io.mooring.runtime.http.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.Map;
import java.util.UUID;

@Tag(name = "monitors")
@Controller("/v1/monitors")
public class UptimeController {
    private final MonitorRepository monitors;
    private final UptimeWindows windows;

    public UptimeController(MonitorRepository monitors, UptimeWindows windows) {
        this.monitors = monitors;
        this.windows = windows;
    }

    /** A monitor's uptime and latency percentiles over the last 24 hours, 7, 30 and 365 days. */
    @Serdeable
    public record UptimeView(UUID monitorId, Map<String, UptimeWindows.Figures> windows) {
    }

    @Get("/{id}/uptime")
    @Operation(summary = "A monitor's uptime and latency percentiles",
            description = "Windows 24h, 7d, 30d and 365d; latency percentiles of the checks that answered, merged from "
                    + "the roll-ups' histograms (each within 1 %).")
    public UptimeView uptime(@PathVariable UUID id) {
        if (!monitors.existsById(id)) {
            throw ProblemException.notFound("monitor", id);
        }
        return new UptimeView(id, windows.of(id));
    }
}
