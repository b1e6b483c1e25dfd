package io.mooring.provisioner.isolation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Max-min fair shares of a host's memory (water-filling). Every account gets the same level L,
 * clamped to [plan soft limit, plan hard limit]; L is the highest whole number of MB at which the
 * shares still fit in the host's memory. So with N accounts and a full host, each gets about
 * memory / N; memory an account cannot use (its hard limit is lower) goes to the others; and the
 * plan's soft limit is never undercut, even when the soft limits alone overcommit the host.
 */
final class MemoryShares {
    private MemoryShares() {
    }

    /** Each account's MemoryHigh in MB. */
    static Map<UUID, Long> of(long memoryMb, List<Tenant> tenants) {
        long ceiling = tenants.stream().mapToLong(Tenant::memoryHardLimitMb).max().orElse(0);
        long level;
        if (total(tenants, ceiling) <= memoryMb) {
            level = ceiling;
        } else {
            // total(level) grows with level; find the highest level that fits, in [0, ceiling)
            long low = 0;
            long high = ceiling - 1;
            while (low < high) {
                long middle = low + (high - low + 1) / 2;
                if (total(tenants, middle) <= memoryMb) {
                    low = middle;
                } else {
                    high = middle - 1;
                }
            }
            level = low;
        }
        Map<UUID, Long> shares = new HashMap<>();
        for (Tenant tenant : tenants) {
            shares.put(tenant.accountId(), share(tenant, level));
        }
        return shares;
    }

    private static long total(List<Tenant> tenants, long level) {
        return tenants.stream().mapToLong(t -> share(t, level)).sum();
    }

    private static long share(Tenant tenant, long level) {
        return Math.min(tenant.memoryHardLimitMb(), Math.max(tenant.memorySoftLimitMb(), level));
    }
}
