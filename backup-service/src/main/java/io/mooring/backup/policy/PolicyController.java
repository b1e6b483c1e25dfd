package io.mooring.backup.policy;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.mooring.runtime.http.MergePatch;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.backup.policy.BackupPolicies.PolicyStopped;
import io.mooring.runtime.http.ProblemException;
import io.mooring.runtime.idempotency.IdempotentRequests;
import io.mooring.runtime.paging.Page;
import io.mooring.runtime.paging.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

@Tag(name = "policies")
@Controller("/v1/policies")
public class PolicyController {
    static final String MERGE_PATCH = MergePatch.MEDIA_TYPE;

    private final BackupPolicies policies;
    private final PolicyInput input;
    private final IdempotentRequests idempotent;
    private final JsonMapper json;
    private final Validator validator;

    PolicyController(BackupPolicies policies, PolicyInput input, IdempotentRequests idempotent, JsonMapper json,
                     Validator validator) {
        this.json = json;
        this.validator = validator;
        this.policies = policies;
        this.input = input;
        this.idempotent = idempotent;
    }

    /** Retention rules as a request gives them; at least one. */
    @Serdeable
    public record Retention(@Nullable @Min(1) Integer keepLast, @Nullable @Min(1) Integer keepDaily,
                            @Nullable @Min(1) Integer keepWeekly, @Nullable @Min(1) Integer keepMonthly,
                            @Nullable @Size(max = 32) String keepWithin) {
    }

    /** What an operator sends to back something up: retention as {@code retentionDays} or as {@code retention}. */
    @Serdeable
    public record CreatePolicy(
            @NotBlank @Size(max = 200) String accountId,
            @NotNull @Pattern(regexp = TargetKind.PATTERN, message = "must be one of " + TargetKind.PATTERN) String targetKind,
            @NotBlank @Size(max = 200) String targetName,
            @NotBlank @Size(max = 200) @Cron String schedule,
            @Nullable @Size(max = 64) String timeZone,
            @Nullable @Min(1) Integer retentionDays,
            @Nullable @Valid Retention retention,
            @Nullable @Size(max = 64) String destination,
            @Nullable @Min(1) @Max(22) Integer zstdLevel,
            @Nullable @Size(max = 16) List<@NotBlank @Size(max = 128) String> ageRecipients) {
    }

    /** A JSON merge patch of a policy: absent members stay, null ones go back to their defaults. */
    @Serdeable
    public record PolicyPatch(
            @Nullable @Size(max = 200) String schedule,
            @Nullable @Size(max = 64) String timeZone,
            @Nullable @Min(1) Integer retentionDays,
            @Nullable @Valid Retention retention,
            @Nullable @Size(max = 64) String destination,
            @Nullable @Min(1) @Max(22) Integer zstdLevel,
            @Nullable @Size(max = 16) List<@NotBlank @Size(max = 128) String> ageRecipients) {
    }

    /** Creates a policy; 409 if the account already has one for that target. */
    @Post
    @Operation(summary = "Create a backup policy", description = "Accepts an Idempotency-Key header.")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = PolicyView.class)))
    public HttpResponse<?> create(HttpRequest<?> http, @Body @Valid CreatePolicy request,
                                  @Nullable @Header(IdempotentRequests.HEADER) String idempotencyKey) {
        var draft = new BackupPolicies.Draft(request.accountId(), TargetKind.fromWire(request.targetKind()),
                request.targetName(), input.create(request));
        return idempotent.run(http, idempotencyKey, request, () -> {
            BackupPolicy policy = policies.create(draft).orElseThrow(() -> ProblemException.conflict("policy-exists",
                    "account " + request.accountId() + " already has a policy for " + request.targetKind() + " "
                            + request.targetName()));
            return HttpResponse.created(PolicyView.of(policy), URI.create("/v1/policies/" + policy.id()));
        });
    }

    /** One page of policies in creation order, filtered by account, target kind and state. */
    @Get
    @Operation(summary = "List backup policies", description = "A page in creation order: nextCursor is null on the "
            + "last page, otherwise pass it back as cursor.")
    public Page<PolicyView> list(@QueryValue @Nullable @Size(max = 200) String accountId,
                                 @QueryValue @Nullable @Pattern(regexp = TargetKind.PATTERN,
                                         message = "must be one of " + TargetKind.PATTERN) String targetKind,
                                 @QueryValue @Nullable @Pattern(regexp = "ACTIVE|PAUSED|STOPPED",
                                         message = "must be one of ACTIVE|PAUSED|STOPPED") String state,
                                 @QueryValue @Nullable Integer limit, @QueryValue @Nullable String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        List<BackupPolicy> fetched = policies.page(accountId, targetKind == null ? null : TargetKind.fromWire(targetKind),
                state == null ? null : BackupPolicy.State.valueOf(state), page.after(), page.fetchSize());
        Page<BackupPolicy> rows = Page.of(fetched, page, BackupPolicy::id);
        return new Page<>(rows.items().stream().map(PolicyView::of).toList(), rows.nextCursor());
    }

    @Get("/{id}")
    public PolicyView get(@PathVariable UUID id) {
        return policies.find(id).map(PolicyView::of).orElseThrow(() -> ProblemException.notFound("policy", id));
    }

    /** Changes schedule, zone, retention, destination, zstd level or recipients (JSON merge patch). */
    @Patch(value = "/{id}", consumes = {MERGE_PATCH, "application/json"})
    @Operation(summary = "Change a backup policy", description = "A JSON merge patch (RFC 7396) of schedule, timeZone, "
            + "retentionDays or retention, destination, zstdLevel, ageRecipients; null sets a field back to its default.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = {
            @Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = PolicyPatch.class)),
            @Content(mediaType = "application/json", schema = @Schema(implementation = PolicyPatch.class))})
    public PolicyView patch(@PathVariable UUID id, @Body String body) {
        // read here, not bound: a merge patch tells "set to null" from "left out", a bound record cannot
        MergePatch<PolicyPatch> patch = MergePatch.read(json, body, PolicyPatch.class);
        Set<ConstraintViolation<PolicyPatch>> violations = validator.validate(patch.value());
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return change(id, policy -> policies.update(id, current -> input.patch(current, patch.value(), patch.members())));
    }

    /** Stops running the policy on schedule until it is resumed; pausing a paused policy is fine. */
    @Post("/{id}/pause")
    public PolicyView pause(@PathVariable UUID id) {
        return change(id, policy -> policies.pause(id));
    }

    /** Runs the policy on schedule again; resuming an active policy is fine. */
    @Post("/{id}/resume")
    public PolicyView resume(@PathVariable UUID id) {
        return change(id, policy -> policies.resume(id));
    }

    /** Deletes a policy; its existing backups follow their retention. */
    @Delete("/{id}")
    public HttpResponse<Void> delete(@PathVariable UUID id) {
        if (!policies.delete(id)) {
            throw ProblemException.notFound("policy", id);
        }
        return HttpResponse.noContent();
    }

    private PolicyView change(UUID id, Function<UUID, Optional<BackupPolicy>> action) {
        try {
            return action.apply(id).map(PolicyView::of).orElseThrow(() -> ProblemException.notFound("policy", id));
        } catch (PolicyStopped e) {
            throw ProblemException.conflict("policy-stopped", e.getMessage());
        }
    }
}
