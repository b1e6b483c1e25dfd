package io.mooring.provisioner.plan;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.mooring.provisioner.lookup.NameFilter;
import io.mooring.runtime.idempotency.IdempotentRequests;
import io.mooring.runtime.paging.Page;
import io.mooring.runtime.http.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;

import java.net.URI;
import io.swagger.v3.oas.annotations.tags.Tag;

@Tag(name = "plans")
@Controller("/v1/plans")
public class PlanController {
    private final PlanRepository plans;
    private final PlanCatalog catalog;
    private final IdempotentRequests idempotent;

    public PlanController(PlanRepository plans, PlanCatalog catalog, IdempotentRequests idempotent) {
        this.plans = plans;
        this.catalog = catalog;
        this.idempotent = idempotent;
    }

    /**
     * Every plan, by name (plans are few: one page).
     *
     * @param name exact name: the page holds that plan or nothing
     */
    @Get
    public Page<Plan> list(@Nullable @QueryValue String name) {
        String exact = NameFilter.exact(name, "name");
        if (exact != null) {
            return new Page<>(plans.findById(exact).stream().toList(), null);
        }
        return new Page<>(plans.listOrderByName(), null);
    }

    @Get("/{name}")
    public Plan get(@PathVariable String name) {
        return plans.findById(name).orElseThrow(() -> ProblemException.notFound("plan", name));
    }

    @Post
    @Operation(summary = "Create a plan", description = "Accepts an Idempotency-Key header.")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = Plan.class)))
    public HttpResponse<?> create(HttpRequest<?> request, @Body @Valid PlanSpec body,
                                  @Nullable @Header(IdempotentRequests.HEADER) String idempotencyKey) {
        Plan plan = body.toNewPlan();
        return idempotent.run(request, idempotencyKey, body, () ->
                HttpResponse.created(catalog.create(plan), URI.create("/v1/plans/" + plan.name())));
    }

    /**
     * Changes a plan's limits for every account on it: 409 when a host would be overcommitted or an
     * account would hold more resources than the new limits allow.
     */
    @Put("/{name}")
    public Plan update(@PathVariable String name, @Body @Valid PlanSpec body) {
        return catalog.update(body.toPlan(name));
    }
}
