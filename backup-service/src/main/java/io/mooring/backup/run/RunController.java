package io.mooring.backup.run;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.backup.policy.BackupPolicies;
import io.mooring.backup.policy.BackupPolicy;
import io.mooring.runtime.http.ProblemException;
import io.mooring.runtime.paging.Page;
import io.mooring.runtime.paging.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.util.UUID;

/** Runs as operations: start one by hand, follow it, list them, restore or verify what one stored. */
@Tag(name = "runs")
@Controller
public class RunController {
    private final BackupPolicies policies;
    private final RunLauncher launcher;
    private final RunStore runs;
    private final Restores restores;
    private final ActiveWork active;

    RunController(BackupPolicies policies, RunLauncher launcher, RunStore runs, Restores restores, ActiveWork active) {
        this.policies = policies;
        this.launcher = launcher;
        this.runs = runs;
        this.restores = restores;
        this.active = active;
    }

    /** Starts a run of the policy now; 409 with the running run if it runs already. */
    @Post("/v1/policies/{id}/runs")
    @Operation(summary = "Run a backup policy now", description = "202 with the run as an operation; its Location "
            + "is followed with GET until state is SUCCEEDED or FAILED.")
    public HttpResponse<RunViews.Run> start(@PathVariable UUID id) {
        BackupPolicy policy = policies.find(id).orElseThrow(() -> ProblemException.notFound("policy", id));
        try {
            BackupRun run = launcher.start(policy, Trigger.MANUAL);
            return HttpResponse.<RunViews.Run>status(HttpStatus.ACCEPTED).body(RunViews.Run.of(run, 0))
                    .headers(h -> h.location(URI.create("/v1/runs/" + run.id())));
        } catch (RunInProgress e) {
            throw ProblemException.conflict("run-in-progress", "policy " + id + " is running already: run "
                    + e.running().id() + " (/v1/runs/" + e.running().id() + ")");
        } catch (PolicyNotActive e) {
            throw ProblemException.conflict("policy-not-active", e.getMessage());
        }
    }

    @Get("/v1/runs/{id}")
    public RunViews.Run get(@PathVariable UUID id) {
        return runs.find(id).map(r -> RunViews.Run.of(r, active.of(r.id())))
                .orElseThrow(() -> ProblemException.notFound("run", id));
    }

    /**
     * Runs in start order, a page at a time, optionally of one policy, account or state.
     *
     * @param cursor the {@code nextCursor} of the previous page
     */
    @Get("/v1/runs")
    public Page<RunViews.Run> list(@Nullable @QueryValue String policyId, @Nullable @QueryValue String accountId,
                                   @Nullable @QueryValue String state, @Nullable @QueryValue Integer limit,
                                   @Nullable @QueryValue String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        RunStore.Filter filter = new RunStore.Filter(policyId == null ? null : uuid(policyId, "policyId"),
                accountId == null ? null : text(accountId, "accountId"), state == null ? null : state(state));
        Page<BackupRun> rows = Page.of(runs.page(filter, page.after(), page.fetchSize()), page, BackupRun::id);
        return new Page<>(rows.items().stream().map(r -> RunViews.Run.of(r, active.of(r.id()))).toList(),
                rows.nextCursor());
    }

    /** What to restore into. */
    @Serdeable
    public record RestoreBody(@Nullable @Size(max = 63) String targetName, @Nullable Boolean overwrite) {
    }

    /** Restores the run's artifacts: 202 with the restore operation. */
    @Post("/v1/runs/{id}/restore")
    @Operation(summary = "Restore a run's artifacts", description = "targetName defaults to a new database or bucket "
            + "named after the run (a Redis artifact goes back into its account's prefix); replacing an existing "
            + "target needs \"overwrite\": true.")
    public HttpResponse<RunViews.Restore> restore(@PathVariable UUID id, @Nullable @Body @Valid RestoreBody body)
            throws Exception {
        RestoreBody request = body == null ? new RestoreBody(null, null) : body;
        BackupRestore restore = refusedAsProblem(() -> restores.restore(id, request.targetName(),
                Boolean.TRUE.equals(request.overwrite())));
        return accepted(restore);
    }

    /** Verifies the run's Postgres artifacts in a scratch database: 202 with the verification operation. */
    @Post("/v1/runs/{id}/verify")
    public HttpResponse<RunViews.Restore> verify(@PathVariable UUID id) throws Exception {
        return accepted(refusedAsProblem(() -> restores.verify(id)));
    }

    @Get("/v1/restores/{id}")
    public RunViews.Restore getRestore(@PathVariable UUID id) {
        return restores.find(id).map(r -> RunViews.Restore.of(r, active.of(r.id())))
                .orElseThrow(() -> ProblemException.notFound("restore", id));
    }

    private static HttpResponse<RunViews.Restore> accepted(BackupRestore restore) {
        return HttpResponse.<RunViews.Restore>status(HttpStatus.ACCEPTED).body(RunViews.Restore.of(restore, 0))
                .headers(h -> h.location(URI.create("/v1/restores/" + restore.id())));
    }

    @FunctionalInterface
    private interface Call<T> {
        T call() throws Exception;
    }

    /** {@link RunRefused} as its problem: 400 naming the field, 404 for an unknown run, else 409. */
    private static <T> T refusedAsProblem(Call<T> call) throws ProblemException {
        try {
            return call.call();
        } catch (RunRefused e) {
            if (e.field() != null) {
                throw ProblemException.invalid(e.field(), e.getMessage());
            }
            if ("not-found".equals(e.slug())) {
                throw new ProblemException(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
            }
            throw ProblemException.conflict(e.slug(), e.getMessage());
        } catch (ProblemException e) {
            throw e;
        } catch (Exception e) {
            // the tenant server that says whether the target exists did not answer
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "target-unavailable", "Target unavailable",
                    "could not check the restore target: " + RunFailures.reason(e));
        }
    }

    private static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "must be a UUID");
        }
    }

    private static String text(String value, String field) {
        if (value.isBlank() || value.length() > 200) {
            throw ProblemException.invalid(field, "must be 1 to 200 characters");
        }
        return value;
    }

    private static RunState state(String value) {
        try {
            return RunState.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("state", "must be one of RUNNING, SUCCEEDED, FAILED, PRUNED");
        }
    }

}
