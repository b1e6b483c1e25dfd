package io.mooring.provisioner.plan;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.runtime.http.ProblemException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A plan as an operator sends it: to create one ({@code name} required) or to change its limits
 * ({@code name} optional, and equal to the one in the path when given).
 */
@Serdeable
public record PlanSpec(
        @Nullable @Pattern(regexp = "[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?", message = "must be a lowercase DNS label of at most 32 characters") String name,
        @NotNull @Min(1) @Max(10_000) Integer cpuWeight,
        @NotNull @Min(1) @Max(16L * 1024 * 1024) Long memoryHighMb,
        @NotNull @Min(1) @Max(16L * 1024 * 1024) Long memoryMaxMb,
        @NotNull @Min(1) @Max(1024L * 1024) Long diskQuotaGb,
        @NotNull @Min(1) @Max(4_194_304) Integer tasksMax,
        @NotNull @Min(0) @Max(1000) Integer maxDatabases,
        @NotNull @Min(0) @Max(1000) Integer maxRedis,
        @NotNull @Min(0) @Max(1000) Integer maxBuckets,
        @NotNull @Min(0) @Max(1000) Integer maxSites) {

    /** The plan named {@code planName}, or a 400 problem naming the field that breaks a rule across fields. */
    public Plan toPlan(String planName) {
        if (name != null && !name.equals(planName)) {
            throw ProblemException.invalid("name", "must be " + planName + " (the plan in the path) or left out");
        }
        if (memoryHighMb > memoryMaxMb) {
            throw ProblemException.invalid("memoryHighMb", "must not exceed memoryMaxMb (" + memoryMaxMb + ")");
        }
        return new Plan(planName, cpuWeight, memoryHighMb, memoryMaxMb, diskQuotaGb, tasksMax, maxDatabases, maxRedis,
                maxBuckets, maxSites);
    }

    /** The plan to create: {@code name} is required. */
    public Plan toNewPlan() {
        if (name == null) {
            throw ProblemException.invalid("name", "must not be blank");
        }
        return toPlan(name);
    }
}
