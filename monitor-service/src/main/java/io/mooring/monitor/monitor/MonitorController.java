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
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.events.monitoring.MonitorKind;
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
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import io.swagger.v3.oas.annotations.tags.Tag;

@Tag(name = "monitors")
@Controller("/v1/monitors")
public class MonitorController {
    private final MonitorRegistry registry;
    private final MonitorRepository monitors;
    private final IdempotentRequests idempotent;

    public MonitorController(MonitorRegistry registry, MonitorRepository monitors, IdempotentRequests idempotent) {
        this.registry = registry;
        this.monitors = monitors;
        this.idempotent = idempotent;
    }

    /**
     * What an operator sends to create a monitor. {@code target}: an http(s) URL for http, host:port
     * for tcp, absent for heartbeat. {@code graceSeconds}: required for heartbeat, absent otherwise.
     * {@code accountId}: absent for a platform monitor.
     */
    @Serdeable
    public record CreateMonitor(
            @Nullable @Size(min = 1, max = 128) String accountId,
            @NotBlank @Size(max = 120) String name,
            @NotBlank @Pattern(regexp = "http|tcp|heartbeat", message = "must be one of http, tcp, heartbeat") String kind,
            @Nullable String target,
            @Min(MonitorDraft.MIN_INTERVAL_SECONDS) @Max(MonitorDraft.MAX_INTERVAL_SECONDS) int intervalSeconds,
            @Nullable @Min(0) @Max(MonitorDraft.MAX_GRACE_SECONDS) Integer graceSeconds) {

        MonitorDraft toDraft() {
            return new MonitorDraft(accountId, name, MonitorKind.fromWire(kind), target, intervalSeconds, graceSeconds);
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
        return idempotent.run(http, idempotencyKey, request, () -> {
            MonitorRegistry.Registered registered = registry.register(draft);
            return HttpResponse.created(MonitorView.of(registered), URI.create("/v1/monitors/" + registered.monitor().id()));
        });
    }

    /** Every monitor, or those of one account, oldest first. */
    @Get
    public List<MonitorView> list(@QueryValue @Nullable String accountId) {
        List<Monitor> found = accountId == null ? monitors.listOrderByCreatedAt()
                : monitors.findByAccountIdOrderByCreatedAt(accountId);
        return found.stream().map(MonitorView::of).toList();
    }

    @Get("/{id}")
    public MonitorView get(@PathVariable UUID id) {
        return monitors.findById(id).map(MonitorView::of).orElseThrow(() -> ProblemException.notFound("monitor", id));
    }

    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable UUID id) {
        registry.delete(id);
    }
}
