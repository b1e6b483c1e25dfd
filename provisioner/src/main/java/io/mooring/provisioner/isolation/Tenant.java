package io.mooring.provisioner.isolation;

import java.util.Objects;
import java.util.UUID;

/**
 * An account that lives on a host, with the limits its plan gives it: what the slice calculator
 * needs to know about it.
 *
 * @param accountId         the account
 * @param name              the account's name, for the unit's description
 * @param suspended         whether the account is suspended
 * @param memorySoftLimitMb the plan's memory soft limit: the account's MemoryHigh never goes below it
 * @param memoryHardLimitMb the plan's memory hard limit: MemoryMax, and the ceiling of MemoryHigh
 * @param tasksMax          the plan's task limit
 */
public record Tenant(UUID accountId, String name, boolean suspended, long memorySoftLimitMb, long memoryHardLimitMb,
                     int tasksMax) {

    public Tenant {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(name, "name");
        if (memorySoftLimitMb <= 0) {
            throw new IllegalArgumentException("memorySoftLimitMb must be positive, was " + memorySoftLimitMb);
        }
        if (memoryHardLimitMb < memorySoftLimitMb) {
            throw new IllegalArgumentException("memoryHardLimitMb (" + memoryHardLimitMb
                    + ") must not be below memorySoftLimitMb (" + memorySoftLimitMb + ")");
        }
        if (tasksMax <= 0) {
            throw new IllegalArgumentException("tasksMax must be positive, was " + tasksMax);
        }
    }
}
