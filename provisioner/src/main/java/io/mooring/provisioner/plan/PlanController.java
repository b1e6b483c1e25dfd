package io.mooring.provisioner.plan;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.mooring.runtime.http.ProblemException;

import java.util.List;

@Controller("/v1/plans")
public class PlanController {
    private final PlanRepository plans;

    public PlanController(PlanRepository plans) {
        this.plans = plans;
    }

    @Get
    public List<Plan> list() {
        return plans.listOrderByName();
    }

    @Get("/{name}")
    public Plan get(@PathVariable String name) {
        return plans.findById(name).orElseThrow(() -> ProblemException.notFound("plan", name));
    }
}
