package io.mooring.provisioner.plan;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.provisioner.placement.Resources;

/**
 * A named resource plan: the limits an account gets. {@code cpuWeight} is the cgroup CPU weight
 * (1–10000, 100 = the default share); for placement an account counts as {@code cpuWeight / 100}
 * cores. {@code memoryHighMb} is the soft limit, {@code memoryMaxMb} the hard one.
 */
@Serdeable
@MappedEntity("plan")
public record Plan(@Id String name, int cpuWeight, long memoryHighMb, long memoryMaxMb, long diskQuotaGb, int tasksMax,
                   int maxDatabases, int maxRedis, int maxBuckets, int maxSites) {

    /** What one account on this plan takes from its host. */
    public Resources demand() {
        return Resources.demand(memoryMaxMb, cpuWeight, diskQuotaGb);
    }
}
