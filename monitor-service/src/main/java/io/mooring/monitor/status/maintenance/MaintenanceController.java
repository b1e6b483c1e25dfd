package io.mooring.monitor.status.maintenance;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.serde.annotation.Serdeable;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.mooring.monitor.heartbeat.HeartbeatSchedule;
import io.mooring.monitor.monitor.Clearable;
import io.mooring.runtime.Ids;
import io.mooring.runtime.http.ProblemException;
import io.mooring.runtime.idempotency.IdempotentRequests;
import io.mooring.runtime.paging.Page;
import io.mooring.runtime.paging.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

@Tag(name = "maintenance")
@Controller("/v1/maintenance")
public class MaintenanceController {
    static final Duration MAX_LENGTH = Duration.ofDays(31);
    static final int MAX_MONITORS = 1000;
    static final int MAX_MINUTES = 31 * 24 * 60;

    private final MaintenanceWindows windows;
    private final MaintenanceChanges changes;
    private final IdempotentRequests idempotent;
    private final Clock clock;

    public MaintenanceController(MaintenanceWindows windows, MaintenanceChanges changes, IdempotentRequests idempotent,
                                 Clock clock) {
        this.windows = windows;
        this.changes = changes;
        this.idempotent = idempotent;
        this.clock = clock;
    }

    /**
     * A window: one-off ({@code startsAt}, {@code endsAt}: ISO-8601 instants, ending after it starts and in the
     * future, at most 31 days long) or recurring ({@code schedule}: a five-field cron expression read in
     * {@code timeZone}, UTC when absent; each run lasts {@code durationMinutes}, 1..44640; optionally {@code until}, an
     * ISO-8601 instant after the first run's start, at or after which no run starts).
     */
    @Serdeable
    public record CreateWindow(@NotBlank @Size(max = 200) String title, @Nullable @Size(max = 2000) String description,
                               @Nullable @Size(max = 64) String startsAt, @Nullable @Size(max = 64) String endsAt,
                               @Nullable @Size(min = 1, max = 200) String schedule,
                               @Nullable @Size(min = 1, max = 64) String timeZone,
                               @Nullable @Min(1) @Max(MAX_MINUTES) Integer durationMinutes,
                               @NotNull @Size(min = 1, max = MAX_MONITORS) List<String> monitorIds,
                               @Nullable @Size(max = 64) String until) {
    }

    /**
     * What to change: only the fields sent. Timing fields of the window's kind only, and not while it is under way;
     * {@code until} (a recurring window's end date) at any time, {@code null} to clear it.
     */
    @Serdeable
    public record UpdateWindow(@Nullable @Size(min = 1, max = 200) String title, @Nullable @Size(max = 2000) String description,
                               @Nullable @Size(max = 64) String startsAt, @Nullable @Size(max = 64) String endsAt,
                               @Nullable @Size(min = 1, max = 200) String schedule,
                               @Nullable @Size(min = 1, max = 64) String timeZone,
                               @Nullable @Min(1) @Max(MAX_MINUTES) Integer durationMinutes,
                               @Nullable @Size(min = 1, max = MAX_MONITORS) List<String> monitorIds,
                               @Nullable @Schema(implementation = String.class, format = "date-time", nullable = true)
                               Clearable until) {
    }

    /**
     * A window as the API shows it: {@code startsAt} and {@code endsAt} are a recurring window's current or next run;
     * {@code phase} {@code ahead}, {@code under-way} or {@code over}.
     */
    @Serdeable
    public record WindowView(UUID id, String title, @Nullable String description, Instant startsAt, Instant endsAt,
                             List<UUID> monitorIds, Instant createdAt, String phase,
                             @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String schedule,
                             @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String timeZone,
                             @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Integer durationMinutes,
                             @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Instant until) {
        static WindowView of(MaintenanceWindow window) {
            return new WindowView(window.id(), window.title(), window.description(), window.startsAt(), window.endsAt(),
                    window.monitorIds(), window.createdAt(), window.phase(),
                    window.schedule() == null ? null : window.schedule().expression(),
                    window.schedule() == null ? null : window.schedule().timeZoneId(),
                    window.durationSeconds() == null ? null : window.durationSeconds() / 60, window.until());
        }
    }

    @Post
    @Operation(summary = "Plan a maintenance window", description = "One-off (startsAt, endsAt) or recurring (schedule, "
            + "timeZone, durationMinutes). Accepts an Idempotency-Key header. Its monitors open no incident while it is "
            + "under way; the status page shows it while ahead or under way.")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = WindowView.class)))
    public HttpResponse<?> create(HttpRequest<?> http, @Body @Valid CreateWindow request,
                                  @Nullable @Header(IdempotentRequests.HEADER) String idempotencyKey) {
        List<UUID> monitorIds = monitorIds(request.monitorIds());
        String description = request.description() == null || request.description().isBlank() ? null : request.description();
        MaintenanceWindow timed = timed(Ids.next(), request.title(), description, monitorIds, request.startsAt(),
                request.endsAt(), request.schedule(), request.timeZone(), request.durationMinutes());
        MaintenanceWindow draft = request.until() == null ? timed : timed.withUntil(until(request.until(), timed));
        return idempotent.run(http, idempotencyKey, request, () -> {
            MaintenanceWindow window = windows.plan(draft);
            return HttpResponse.created(WindowView.of(window), URI.create("/v1/maintenance/" + window.id()));
        });
    }

    /** Changes the fields sent; {@code monitorIds} replaces the list; {@code "until": null} clears the end date. */
    @Patch("/{id}")
    public WindowView update(@PathVariable UUID id, @Body @Valid UpdateWindow request) {
        if (request.until() != null && !request.until().cleared() && request.until().text().length() > 64) {
            throw ProblemException.invalid("until", "must be an ISO-8601 instant such as 2026-12-24T22:00:00Z");
        }
        return WindowView.of(changes.change(id, current -> {
            boolean timing = request.startsAt() != null || request.endsAt() != null || request.schedule() != null
                    || request.timeZone() != null || request.durationMinutes() != null;
            MaintenanceWindow changed = changed(current, request, timing);
            if (request.until() == null && !timing) {
                return changed;
            }
            Instant until = request.until() == null ? current.until()
                    : request.until().cleared() ? null : until(request.until().text(), changed);
            if (until != null && request.until() == null) {
                until = until(until.toString(), changed); // the new timing must still fit the end date kept
            }
            return revived(changed.withUntil(until));
        }, request.monitorIds() != null));
    }

    private MaintenanceWindow changed(MaintenanceWindow current, UpdateWindow request, boolean timing) {
        String title = request.title() == null ? current.title() : request.title();
        String description = request.description() == null ? current.description()
                : request.description().isBlank() ? null : request.description();
        List<UUID> monitors = request.monitorIds() == null ? current.monitorIds() : monitorIds(request.monitorIds());
        if (!timing) {
            return new MaintenanceWindow(current.id(), title, description, current.startsAt(), current.endsAt(),
                    current.createdAt(), monitors, current.schedule(), current.durationSeconds(), current.phase(),
                    current.until());
        }
        if (!current.phase().equals(MaintenanceWindow.AHEAD)) {
            throw ProblemException.conflict("maintenance-under-way", "the window is " + current.phase()
                    + ": its timing can change only while it is ahead");
        }
        MaintenanceWindow timed;
        if (current.schedule() == null) {
            if (request.schedule() != null || request.timeZone() != null || request.durationMinutes() != null) {
                throw ProblemException.invalid(request.schedule() != null ? "schedule"
                        : request.timeZone() != null ? "timeZone" : "durationMinutes", "applies to recurring windows only");
            }
            timed = timed(current.id(), title, description, monitors,
                    request.startsAt() == null ? current.startsAt().toString() : request.startsAt(),
                    request.endsAt() == null ? current.endsAt().toString() : request.endsAt(), null, null, null);
        } else {
            if (request.startsAt() != null || request.endsAt() != null) {
                throw ProblemException.invalid(request.startsAt() != null ? "startsAt" : "endsAt",
                        "applies to one-off windows only");
            }
            timed = timed(current.id(), title, description, monitors, null, null,
                    request.schedule() == null ? current.schedule().expression() : request.schedule(),
                    request.timeZone() != null ? request.timeZone() : current.schedule().timeZoneId(),
                    request.durationMinutes() == null ? current.durationSeconds() / 60 : request.durationMinutes());
        }
        return new MaintenanceWindow(current.id(), title, description, timed.startsAt(), timed.endsAt(),
                current.createdAt(), monitors, timed.schedule(), timed.durationSeconds(), MaintenanceWindow.AHEAD, null);
    }

    /** A recurring window that was over (past its end date) and has a run again, ahead with its current or next run. */
    private MaintenanceWindow revived(MaintenanceWindow window) {
        if (window.schedule() == null || !window.phase().equals(MaintenanceWindow.OVER)) {
            return window;
        }
        Duration duration = Duration.ofSeconds(window.durationSeconds());
        Instant next = window.schedule().nextRunAfter(clock.instant().minus(duration));
        return window.runsAt(next) ? window.withOccurrence(next, next.plus(duration), MaintenanceWindow.AHEAD) : window;
    }

    /** A recurring window's end date: after its first (or current) run's start; 400 naming {@code until} otherwise. */
    private static Instant until(String text, MaintenanceWindow window) {
        if (window.schedule() == null) {
            throw ProblemException.invalid("until", "applies to recurring windows only (with a schedule)");
        }
        Instant until = instant("until", text);
        if (!until.isAfter(window.startsAt())) {
            throw ProblemException.invalid("until", "must be after the start of the window's "
                    + switch (window.phase()) {
                        case MaintenanceWindow.AHEAD -> "next";
                        case MaintenanceWindow.UNDER_WAY -> "current";
                        default -> "last";
                    } + " run, " + window.startsAt());
        }
        return until;
    }

    /** A window from a request's timing: one-off or recurring, checked; 400 naming the field otherwise. */
    private MaintenanceWindow timed(UUID id, String title, @Nullable String description, List<UUID> monitorIds,
                                    @Nullable String startsAtText, @Nullable String endsAtText, @Nullable String schedule,
                                    @Nullable String timeZone, @Nullable Integer durationMinutes) {
        Instant now = clock.instant();
        if (schedule != null || durationMinutes != null || timeZone != null) {
            if (startsAtText != null || endsAtText != null) {
                throw ProblemException.invalid(startsAtText != null ? "startsAt" : "endsAt",
                        "a recurring window (schedule) has no startsAt or endsAt");
            }
            if (schedule == null) {
                throw ProblemException.invalid("schedule", "is required with durationMinutes or timeZone");
            }
            if (durationMinutes == null) {
                throw ProblemException.invalid("durationMinutes", "is required with a schedule");
            }
            HeartbeatSchedule parsed = HeartbeatSchedule.parse(schedule, timeZone);
            return MaintenanceWindow.recurring(id, title, description, parsed, Duration.ofMinutes(durationMinutes), now,
                    monitorIds);
        }
        if (startsAtText == null) {
            throw ProblemException.invalid("startsAt", "is required (or a schedule, for a recurring window)");
        }
        if (endsAtText == null) {
            throw ProblemException.invalid("endsAt", "is required with startsAt");
        }
        Instant startsAt = instant("startsAt", startsAtText);
        Instant endsAt = instant("endsAt", endsAtText);
        if (!endsAt.isAfter(startsAt)) {
            throw ProblemException.invalid("endsAt", "must be after startsAt");
        }
        if (Duration.between(startsAt, endsAt).compareTo(MAX_LENGTH) > 0) {
            throw ProblemException.invalid("endsAt", "a window lasts at most " + MAX_LENGTH.toDays() + " days");
        }
        if (!endsAt.isAfter(now)) {
            throw ProblemException.invalid("endsAt", "must be in the future");
        }
        return MaintenanceWindow.once(id, title, description, startsAt, endsAt, now, monitorIds);
    }

    /** A page of windows in id (creation) order. */
    @Get
    @Operation(summary = "List maintenance windows", description = "Pass nextCursor back as cursor for the next page.")
    public Page<WindowView> list(@QueryValue @Nullable Integer limit, @QueryValue @Nullable String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return Page.of(windows.page(page.after(), page.fetchSize()).stream().map(WindowView::of).toList(), page,
                WindowView::id);
    }

    @Get("/{id}")
    public WindowView get(@PathVariable UUID id) {
        return windows.find(id).map(WindowView::of).orElseThrow(() -> ProblemException.notFound("maintenance window", id));
    }

    /** Deletes the window: cancels it, or ends it early (then with {@code MaintenanceEnded}). */
    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable UUID id) {
        changes.delete(id);
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be an ISO-8601 instant such as 2026-12-24T22:00:00Z");
        }
    }

    private static List<UUID> monitorIds(List<String> values) {
        LinkedHashSet<UUID> ids = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            try {
                ids.add(UUID.fromString(values.get(i)));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("monitorIds[" + i + "]", "must be a monitor id (a UUID)");
            }
        }
        return new ArrayList<>(ids);
    }
}
