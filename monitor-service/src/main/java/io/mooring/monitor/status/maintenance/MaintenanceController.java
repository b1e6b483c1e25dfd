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
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.serde.annotation.Serdeable;
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

    private final MaintenanceWindows windows;
    private final IdempotentRequests idempotent;
    private final Clock clock;

    public MaintenanceController(MaintenanceWindows windows, IdempotentRequests idempotent, Clock clock) {
        this.windows = windows;
        this.idempotent = idempotent;
        this.clock = clock;
    }

    /** A one-off window: ISO-8601 instants, ending after it starts and in the future, at most 31 days long. */
    @Serdeable
    public record CreateWindow(@NotBlank @Size(max = 200) String title, @Nullable @Size(max = 2000) String description,
                               @NotBlank String startsAt, @NotBlank String endsAt,
                               @NotNull @Size(min = 1, max = MAX_MONITORS) List<String> monitorIds) {
    }

    /** A window as the API shows it. */
    @Serdeable
    public record WindowView(UUID id, String title, @Nullable String description, Instant startsAt, Instant endsAt,
                             List<UUID> monitorIds, Instant createdAt) {
        static WindowView of(MaintenanceWindow window) {
            return new WindowView(window.id(), window.title(), window.description(), window.startsAt(), window.endsAt(),
                    window.monitorIds(), window.createdAt());
        }
    }

    @Post
    @Operation(summary = "Plan a maintenance window", description = "Accepts an Idempotency-Key header. Its monitors "
            + "open no incident while it is under way; the status page shows it while ahead or under way.")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = WindowView.class)))
    public HttpResponse<?> create(HttpRequest<?> http, @Body @Valid CreateWindow request,
                                  @Nullable @Header(IdempotentRequests.HEADER) String idempotencyKey) {
        Instant startsAt = instant("startsAt", request.startsAt());
        Instant endsAt = instant("endsAt", request.endsAt());
        if (!endsAt.isAfter(startsAt)) {
            throw ProblemException.invalid("endsAt", "must be after startsAt");
        }
        if (Duration.between(startsAt, endsAt).compareTo(MAX_LENGTH) > 0) {
            throw ProblemException.invalid("endsAt", "a window lasts at most " + MAX_LENGTH.toDays() + " days");
        }
        if (!endsAt.isAfter(clock.instant())) {
            throw ProblemException.invalid("endsAt", "must be in the future");
        }
        List<UUID> monitorIds = monitorIds(request.monitorIds());
        String description = request.description() == null || request.description().isBlank() ? null : request.description();
        return idempotent.run(http, idempotencyKey, request, () -> {
            MaintenanceWindow window = windows.plan(new MaintenanceWindow(Ids.next(), request.title(), description,
                    startsAt, endsAt, clock.instant(), monitorIds));
            return HttpResponse.created(WindowView.of(window), URI.create("/v1/maintenance/" + window.id()));
        });
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

    /** Deletes the window (cancels it, or ends it early). */
    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable UUID id) {
        if (!windows.delete(id)) {
            throw ProblemException.notFound("maintenance window", id);
        }
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
