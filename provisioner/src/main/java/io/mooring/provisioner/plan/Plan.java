package io.mooring.provisioner.plan;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

/** A named resource plan: the limits an account gets. */
@Serdeable
@MappedEntity("plan")
public record Plan(@Id String name, int cpuWeight, long memoryHighMb, long memoryMaxMb, long diskQuotaGb, int tasksMax,
                   int maxDatabases, int maxRedis, int maxBuckets, int maxSites) {
}
