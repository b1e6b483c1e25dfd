package io.mooring.monitor.status;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.monitor.monitor.Monitor;
import io.mooring.monitor.monitor.MonitorRepository;
import io.mooring.monitor.monitor.MonitorView;
import io.mooring.monitor.state.CheckStatus;
import io.mooring.monitor.state.CheckStatuses;
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
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

@Tag(name = "groups")
@Controller("/v1/groups")
public class GroupController {
    static final int MAX_NAME = 120;
    static final int MAX_DESCRIPTION = 1000;
    static final int MAX_ORDER = 1_000_000;

    private final GroupRegistry registry;
    private final MonitorGroupRepository groups;
    private final GroupMembers members;
    private final MonitorRepository monitors;
    private final CheckStatuses statuses;
    private final IdempotentRequests idempotent;

    public GroupController(GroupRegistry registry, MonitorGroupRepository groups, GroupMembers members,
                           MonitorRepository monitors, CheckStatuses statuses, IdempotentRequests idempotent) {
        this.registry = registry;
        this.groups = groups;
        this.members = members;
        this.monitors = monitors;
        this.statuses = statuses;
        this.idempotent = idempotent;
    }

    /** What an operator sends to create a group; {@code public} false and {@code order} 0 unless sent. */
    @Serdeable
    public record CreateGroup(@NotBlank @Size(max = MAX_NAME) String name,
                              @Nullable @Size(max = MAX_DESCRIPTION) String description,
                              @JsonProperty("public") @Nullable Boolean isPublic,
                              @Nullable @Min(0) @Max(MAX_ORDER) Integer order) {

        GroupRegistry.GroupDraft toDraft() {
            return new GroupRegistry.GroupDraft(name, blankIsNone(description), isPublic != null && isPublic,
                    order == null ? 0 : order);
        }
    }

    /** What an operator sends to change a group: only the fields to change; an empty description removes it. */
    @Serdeable
    public record UpdateGroup(@Nullable @Size(min = 1, max = MAX_NAME) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String name,
                              @Nullable @Size(max = MAX_DESCRIPTION) String description,
                              @JsonProperty("public") @Nullable Boolean isPublic,
                              @Nullable @Min(0) @Max(MAX_ORDER) Integer order) {

        GroupRegistry.GroupDraft applyTo(GroupRegistry.GroupDraft group) {
            return new GroupRegistry.GroupDraft(name == null ? group.name() : name,
                    description == null ? group.description() : blankIsNone(description),
                    isPublic == null ? group.isPublic() : isPublic, order == null ? group.position() : order);
        }
    }

    @Post
    @Operation(summary = "Create a group", description = "Accepts an Idempotency-Key header.")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = GroupView.class)))
    public HttpResponse<?> create(HttpRequest<?> http, @Body @Valid CreateGroup request,
                                  @Nullable @Header(IdempotentRequests.HEADER) String idempotencyKey) {
        GroupRegistry.GroupDraft draft = request.toDraft();
        return idempotent.run(http, idempotencyKey, request, () -> {
            MonitorGroup group = registry.create(draft);
            return HttpResponse.created(GroupView.of(group, 0), URI.create("/v1/groups/" + group.id()));
        });
    }

    /** A page of groups in id (creation) order, public or private ones only when {@code public} is given. */
    @Get
    @Operation(summary = "List groups", description = "Pass nextCursor back as cursor for the next page.")
    public Page<GroupView> list(@QueryValue("public") @Nullable String isPublic, @QueryValue @Nullable Integer limit,
                                @QueryValue @Nullable String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        Boolean publicFilter = isPublic == null ? null : switch (isPublic) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ProblemException.invalid("public", "must be true or false");
        };
        List<MonitorGroup> found = groups.page(publicFilter, page.after(), page.fetchSize());
        Map<UUID, Integer> counts = members.counts(found.stream().map(MonitorGroup::id).toList());
        return Page.of(found.stream().map(g -> GroupView.of(g, counts.getOrDefault(g.id(), 0))).toList(), page,
                GroupView::id);
    }

    @Get("/{id}")
    public GroupView get(@PathVariable UUID id) {
        MonitorGroup group = groups.findById(id).orElseThrow(() -> ProblemException.notFound("group", id));
        return GroupView.of(group, members.counts(List.of(id)).getOrDefault(id, 0));
    }

    /** Changes the given fields. */
    @Patch("/{id}")
    public GroupView update(@PathVariable UUID id, @Body @Valid UpdateGroup request) {
        MonitorGroup group = registry.update(id, request::applyTo);
        return GroupView.of(group, members.counts(List.of(id)).getOrDefault(id, 0));
    }

    /** Deletes the group and its memberships; its monitors stay. */
    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable UUID id) {
        registry.delete(id);
    }

    /** A page of the group's monitors in id order. */
    @Get("/{id}/monitors")
    @Operation(summary = "List a group's monitors", description = "Pass nextCursor back as cursor for the next page.")
    public Page<MonitorView> monitors(@PathVariable UUID id, @QueryValue @Nullable Integer limit,
                                      @QueryValue @Nullable String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        if (!groups.existsById(id)) {
            throw ProblemException.notFound("group", id);
        }
        List<UUID> ids = members.page(id, page.after(), page.fetchSize());
        Map<UUID, Monitor> byId = monitors.findByIdIn(ids).stream().collect(Collectors.toMap(Monitor::id, m -> m));
        List<Monitor> found = ids.stream().map(byId::get).filter(Objects::nonNull).toList();
        Map<UUID, CheckStatus> checked = statuses.findAll(ids);
        return Page.of(found.stream().map(m -> MonitorView.of(m, checked.get(m.id()))).toList(), page, MonitorView::id);
    }

    /** Adds a monitor to the group; adding a member again changes nothing. */
    @Put("/{id}/monitors/{monitorId}")
    @Status(HttpStatus.NO_CONTENT)
    public void addMember(@PathVariable UUID id, @PathVariable UUID monitorId) {
        registry.addMember(id, monitorId);
    }

    /** Removes a monitor from the group (the monitor stays). */
    @Delete("/{id}/monitors/{monitorId}")
    @Status(HttpStatus.NO_CONTENT)
    public void removeMember(@PathVariable UUID id, @PathVariable UUID monitorId) {
        registry.removeMember(id, monitorId);
    }

    @Nullable
    private static String blankIsNone(@Nullable String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
