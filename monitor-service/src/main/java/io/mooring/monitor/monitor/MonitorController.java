package io.mooring.monitor.monitor;

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
import io.mooring.events.monitoring.MonitorKind;
import io.mooring.events.monitoring.MonitorState;
import io.mooring.monitor.heartbeat.HeartbeatDeadlines;
import io.mooring.monitor.heartbeat.HeartbeatSchedule;
import io.mooring.monitor.heartbeat.ScheduleChange;
import io.mooring.monitor.state.CheckStatus;
import io.mooring.monitor.state.CheckStatuses;
import io.mooring.monitor.state.StateChange;
import io.mooring.monitor.state.StateHistory;
import io.mooring.runtime.paging.Page;
import io.mooring.runtime.paging.PageRequest;
import io.mooring.runtime.http.ProblemException;
import io.mooring.runtime.idempotency.IdempotentRequests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.swagger.v3.oas.annotations.tags.Tag;

@Tag(name = "monitors")
@Controller("/v1/monitors")
public class MonitorController {
    static final String KINDS = "http|tcp|tls|postgres|redis|dns|kafka|heartbeat";

    private final MonitorRegistry registry;
    private final MonitorRepository monitors;
    private final CheckStatuses statuses;
    private final StateHistory history;
    private final IdempotentRequests idempotent;
    private final HeartbeatDeadlines heartbeats;

    public MonitorController(MonitorRegistry registry, MonitorRepository monitors, CheckStatuses statuses,
                             StateHistory history, IdempotentRequests idempotent, HeartbeatDeadlines heartbeats) {
        this.heartbeats = heartbeats;
        this.registry = registry;
        this.history = history;
        this.statuses = statuses;
        this.monitors = monitors;
        this.idempotent = idempotent;
    }

    /**
     * What an operator sends to create a monitor. {@code schedule}: heartbeat only, a five-field cron
     * expression read in {@code timeZone} (UTC when absent); the job is then due at the schedule's next
     * run after its last check-in, plus the grace. {@code target}: an http(s) URL for http,
     * host:port for tcp, tls, postgres and redis, a host name for dns, absent for heartbeat.
     * {@code graceSeconds}: required for heartbeat, absent otherwise. {@code accountId}: absent for
     * a platform monitor. {@code settings}: the kind's own, see {@link MonitorSettings}.
     */
    @Serdeable
    public record CreateMonitor(
            @Nullable @Size(min = 1, max = 128) String accountId,
            @NotBlank @Size(max = 120) String name,
            @NotBlank @Pattern(regexp = KINDS, message = "must be one of http, tcp, tls, postgres, redis, dns, kafka, heartbeat") String kind,
            @Nullable String target,
            // boxed, so that a missing one is named by validation rather than failing the whole body's reading
            @NotNull @Min(MonitorDraft.MIN_INTERVAL_SECONDS) @Max(MonitorDraft.MAX_INTERVAL_SECONDS) Integer intervalSeconds,
            @Nullable @Min(1) @Max(MonitorDraft.MAX_TIMEOUT_SECONDS) Integer timeoutSeconds,
            @Nullable @Min(0) @Max(MonitorDraft.MAX_GRACE_SECONDS) Integer graceSeconds,
            @Nullable MonitorSettings settings,
            @Nullable @Min(1) @Max(MonitorDraft.MAX_THRESHOLD) Integer failureThreshold,
            @Nullable @Min(1) @Max(MonitorDraft.MAX_THRESHOLD) Integer successThreshold,
            @Nullable @Size(min = 1, max = 200) String schedule,
            @Nullable @Size(min = 1, max = 64) String timeZone) {

        MonitorDraft toDraft() {
            return new MonitorDraft(accountId, name, MonitorKind.fromWire(kind), target, intervalSeconds, graceSeconds,
                    timeoutSeconds, settings, failureThreshold, successThreshold);
        }
    }

    /**
     * What an operator sends to change a monitor: only the fields to change. Kind and account never change.
     * A heartbeat's {@code schedule} and {@code timeZone} as at creation; {@code "schedule": null} takes the schedule
     * away (the heartbeat is then due one period after its last check-in), {@code "timeZone": null} means UTC, and a
     * new schedule without {@code timeZone} keeps the heartbeat's zone.
     */
    @Serdeable
    public record UpdateMonitor(
            @Nullable @Size(min = 1, max = 120) String name,
            @Nullable String target,
            @Nullable @Min(MonitorDraft.MIN_INTERVAL_SECONDS) @Max(MonitorDraft.MAX_INTERVAL_SECONDS) Integer intervalSeconds,
            @Nullable @Min(1) @Max(MonitorDraft.MAX_TIMEOUT_SECONDS) Integer timeoutSeconds,
            @Nullable @Min(0) @Max(MonitorDraft.MAX_GRACE_SECONDS) Integer graceSeconds,
            @Nullable MonitorSettings settings,
            @Nullable @Min(1) @Max(MonitorDraft.MAX_THRESHOLD) Integer failureThreshold,
            @Nullable @Min(1) @Max(MonitorDraft.MAX_THRESHOLD) Integer successThreshold,
            @Nullable @Schema(implementation = String.class, nullable = true, maxLength = 200) Clearable schedule,
            @Nullable @Schema(implementation = String.class, nullable = true, maxLength = 64) Clearable timeZone) {

        MonitorChanges toChanges() {
            return new MonitorChanges(name, target, intervalSeconds, timeoutSeconds, graceSeconds, settings,
                    failureThreshold, successThreshold, new ScheduleChange(schedule, timeZone));
        }
    }

    /** Creates a monitor; for a heartbeat monitor the answer carries its token, shown this once. */
    @Post
    @Operation(summary = "Create a monitor", description = "Accepts an Idempotency-Key header; a replay carries the "
            + "heartbeat token again, so keep the key as secret as the token.")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = MonitorView.class)))
    public HttpResponse<?> create(HttpRequest<?> http, @Body @Valid CreateMonitor request,
                                  @Nullable @Header(IdempotentRequests.HEADER) String idempotencyKey) {
        MonitorDraft draft = request.toDraft();
        HeartbeatSchedule schedule = HeartbeatSchedule.parse(request.schedule(), request.timeZone());
        return idempotent.run(http, idempotencyKey, request, () -> {
            MonitorRegistry.Registered registered = registry.register(draft, schedule);
            return HttpResponse.created(MonitorView.of(registered), URI.create("/v1/monitors/" + registered.monitor().id()));
        });
    }

    /**
     * A page of monitors in id (creation) order, filtered by account, kind, state, group and host (a provisioning host
     * id: the host's own monitor and those of the accounts placed on it).
     */
    @Get
    @Operation(summary = "List monitors", description = "Pass nextCursor back as cursor for the next page.")
    public Page<MonitorView> list(@QueryValue @Nullable String accountId, @QueryValue @Nullable String kind,
                                  @QueryValue @Nullable String state, @QueryValue @Nullable String groupId,
                                  @QueryValue @Nullable @Size(min = 1, max = 128) String host,
                                  @QueryValue @Nullable Integer limit,
                                  @QueryValue @Nullable String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        String kindFilter = kind == null ? null : wire("kind", () -> MonitorKind.fromWire(kind).wireName());
        String stateFilter = state == null ? null : wire("state", () -> MonitorState.fromWire(state).wireName());
        UUID groupFilter = groupId == null ? null : wire("groupId", () -> UUID.fromString(groupId));
        List<Monitor> found = monitors.page(accountId, kindFilter, stateFilter, groupFilter, host, page.after(), page.fetchSize());
        Map<UUID, CheckStatus> checked = statuses.findAll(found.stream().map(Monitor::id).toList());
        Map<UUID, HeartbeatDeadlines.Shown> checkedIn = heartbeats.shown(found.stream()
                .filter(m -> m.kind() == MonitorKind.HEARTBEAT).map(Monitor::id).toList());
        return Page.of(found.stream().map(m -> MonitorView.of(m, checked.get(m.id()), checkedIn.get(m.id()))).toList(),
                page, MonitorView::id);
    }

    @Get("/{id}")
    public MonitorView get(@PathVariable UUID id) {
        Monitor monitor = monitors.findById(id).orElseThrow(() -> ProblemException.notFound("monitor", id));
        HeartbeatDeadlines.Shown checkedIn = monitor.kind() == MonitorKind.HEARTBEAT ? heartbeats.shown(List.of(id)).get(id) : null;
        return MonitorView.of(monitor, statuses.find(id).orElse(null), checkedIn);
    }

    /** Changes the given fields; emits MonitorUpdated when anything changed. Answers as {@code GET} does. */
    @Patch("/{id}")
    public MonitorView update(@PathVariable UUID id, @Body @Valid UpdateMonitor request) {
        registry.update(id, request.toChanges());
        return get(id);
    }

    /** Stops checking until resumed; pausing a paused monitor changes nothing. */
    @Post("/{id}/pause")
    public MonitorView pause(@PathVariable UUID id) {
        return MonitorView.of(registry.pause(id, "paused by an operator"));
    }

    /** Checks a paused monitor again; resuming one that is not paused changes nothing. */
    @Post("/{id}/resume")
    public MonitorView resume(@PathVariable UUID id) {
        return MonitorView.of(registry.resume(id, "resumed by an operator"));
    }

    /** The monitor's state changes, oldest first. */
    @Get("/{id}/states")
    @Operation(summary = "List a monitor's state changes", description = "Pass nextCursor back as cursor for the next page.")
    public Page<StateChangeView> states(@PathVariable UUID id, @QueryValue @Nullable Integer limit,
                                        @QueryValue @Nullable String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        if (!monitors.existsById(id)) {
            throw ProblemException.notFound("monitor", id);
        }
        return Page.of(history.page(id, page.after(), page.fetchSize()).stream().map(StateChangeView::of).toList(),
                page, StateChangeView::id);
    }

    /** A state change as the API shows it. */
    @Serdeable
    public record StateChangeView(UUID id, Instant at, String from, String to, String reason) {
        static StateChangeView of(StateChange change) {
            return new StateChangeView(change.id(), change.at(), change.from(), change.to(), change.reason());
        }
    }

    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable UUID id) {
        registry.delete(id);
    }

    private static <T> T wire(String field, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, e.getMessage());
        }
    }
}
