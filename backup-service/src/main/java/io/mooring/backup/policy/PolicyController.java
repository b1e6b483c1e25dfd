package io.mooring.backup.policy;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.runtime.http.ProblemException;
import io.mooring.runtime.idempotency.IdempotentRequests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import io.swagger.v3.oas.annotations.tags.Tag;

@Tag(name = "policies")
@Controller("/v1/policies")
public class PolicyController {
    private final BackupPolicies policies;
    private final IdempotentRequests idempotent;

    public PolicyController(BackupPolicies policies, IdempotentRequests idempotent) {
        this.policies = policies;
        this.idempotent = idempotent;
    }

    /** What an operator sends to back something up. */
    @Serdeable
    public record CreatePolicy(
            @NotBlank @Size(max = 200) String accountId,
            @NotNull @Pattern(regexp = TargetKind.PATTERN, message = "must be one of " + TargetKind.PATTERN) String targetKind,
            @NotBlank @Size(max = 200) String targetName,
            @NotBlank @Cron String schedule,
            @NotNull @Min(1) Integer retentionDays) {
    }

    /** Creates a policy; 409 if the account already has one for that target. */
    @Post
    @Operation(summary = "Create a backup policy", description = "Accepts an Idempotency-Key header.")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = BackupPolicy.class)))
    public HttpResponse<?> create(HttpRequest<?> http, @Body @Valid CreatePolicy request,
                                  @Nullable @Header(IdempotentRequests.HEADER) String idempotencyKey) {
        var draft = new BackupPolicies.Draft(request.accountId(), TargetKind.fromWire(request.targetKind()),
                request.targetName(), CronSchedule.parse(request.schedule()), request.retentionDays());
        return idempotent.run(http, idempotencyKey, request, () -> {
            BackupPolicy policy = policies.create(draft).orElseThrow(() -> ProblemException.conflict("policy-exists",
                    "account " + request.accountId() + " already has a policy for " + request.targetKind() + " "
                            + request.targetName()));
            return HttpResponse.created(policy, URI.create("/v1/policies/" + policy.id()));
        });
    }

    /** Every policy, or only those of {@code accountId}. */
    @Get
    public List<BackupPolicy> list(@QueryValue @Nullable String accountId) {
        return policies.list(Optional.ofNullable(accountId));
    }

    @Get("/{id}")
    public BackupPolicy get(@PathVariable UUID id) {
        return policies.find(id).orElseThrow(() -> ProblemException.notFound("policy", id));
    }

    /** Deletes a policy; its existing backups follow their retention. */
    @Delete("/{id}")
    public HttpResponse<Void> delete(@PathVariable UUID id) {
        if (!policies.delete(id)) {
            throw ProblemException.notFound("policy", id);
        }
        return HttpResponse.noContent();
    }
}
