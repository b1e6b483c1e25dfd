package io.mooring.provisioner.isolation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Computes the cgroup v2 slice of every account on a host, from the host's memory and the accounts
 * living on it. The result depends on the whole population, so it is recomputed for every account
 * whenever an account arrives, leaves or changes plan.
 *
 * <ul>
 *   <li>{@code CPUWeight} and {@code IOWeight}: the same for every active account, whatever its plan,
 *   so under contention the accounts of a host share CPU and disk time equally. Weights only matter
 *   when there is contention, so an account may still use every idle cycle (work-conserving).
 *   The plan's cpu_weight does not enter the slice: a plan buys memory, tasks and quotas, not a
 *   bigger share of a contended CPU.</li>
 *   <li>{@code MemoryHigh}: the account's max-min fair share of the host's memory, never below the
 *   plan's soft limit (the plan's promise) nor above its hard limit; see {@link MemoryShares}.</li>
 *   <li>{@code MemoryMax}: the plan's hard limit. {@code TasksMax}: the plan's task limit.</li>
 *   <li>A suspended account keeps its slice, so the agent can stop its services gracefully, but it
 *   is squeezed: weight 1, {@code CPUQuota=1%}, {@code MemoryHigh} of at most
 *   {@value #SUSPENDED_MEMORY_HIGH_MB} MB (reclaim, not OOM kills: {@code MemoryMax} and
 *   {@code TasksMax} stay, so stop scripts can still run). It takes no part in the fair share; the
 *   memory it may keep is set aside first.</li>
 * </ul>
 */
public final class SliceCalculator {
    /** The weight of every active account: systemd's default, so a slice reads as "normal". */
    public static final int EQUAL_WEIGHT = 100;
    /** The weight of a suspended account: the lowest systemd accepts. */
    public static final int SUSPENDED_WEIGHT = 1;
    /** The CPU a suspended account may use, of one CPU. */
    public static final String SUSPENDED_CPU_QUOTA = "1%";
    /** Above this, a suspended account's memory is reclaimed. */
    public static final long SUSPENDED_MEMORY_HIGH_MB = 64;

    /**
     * The slices of a host's accounts, ordered by unit name.
     *
     * @param hostMemoryMb the host's memory
     * @param tenants      every account living on the host (deleted ones left out)
     */
    public List<SliceUnit> slices(long hostMemoryMb, Collection<Tenant> tenants) {
        if (hostMemoryMb <= 0) {
            throw new IllegalArgumentException("hostMemoryMb must be positive, was " + hostMemoryMb);
        }
        Set<UUID> seen = new HashSet<>();
        for (Tenant tenant : tenants) {
            if (!seen.add(tenant.accountId())) {
                throw new IllegalArgumentException("account " + tenant.accountId() + " is listed twice");
            }
        }
        List<Tenant> active = tenants.stream().filter(t -> !t.suspended()).toList();
        long setAside = tenants.stream().filter(Tenant::suspended).mapToLong(SliceCalculator::suspendedMemoryHigh).sum();
        Map<UUID, Long> memoryHigh = MemoryShares.of(Math.max(0, hostMemoryMb - setAside), active);

        List<SliceUnit> slices = new ArrayList<>();
        for (Tenant tenant : tenants) {
            slices.add(tenant.suspended() ? suspended(tenant) : active(tenant, memoryHigh.get(tenant.accountId())));
        }
        slices.sort(Comparator.comparing(SliceUnit::unit));
        return List.copyOf(slices);
    }

    private static SliceUnit active(Tenant tenant, long memoryHighMb) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("CPUWeight", Integer.toString(EQUAL_WEIGHT));
        properties.put("IOWeight", Integer.toString(EQUAL_WEIGHT));
        properties.put("MemoryHigh", megabytes(memoryHighMb));
        properties.put("MemoryMax", megabytes(tenant.memoryHardLimitMb()));
        properties.put("TasksMax", Integer.toString(tenant.tasksMax()));
        return SliceUnit.of(tenant, properties);
    }

    private static SliceUnit suspended(Tenant tenant) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("CPUWeight", Integer.toString(SUSPENDED_WEIGHT));
        properties.put("CPUQuota", SUSPENDED_CPU_QUOTA);
        properties.put("IOWeight", Integer.toString(SUSPENDED_WEIGHT));
        properties.put("MemoryHigh", megabytes(suspendedMemoryHigh(tenant)));
        properties.put("MemoryMax", megabytes(tenant.memoryHardLimitMb()));
        properties.put("TasksMax", Integer.toString(tenant.tasksMax()));
        return SliceUnit.of(tenant, properties);
    }

    private static long suspendedMemoryHigh(Tenant tenant) {
        return Math.min(SUSPENDED_MEMORY_HIGH_MB, tenant.memoryHardLimitMb());
    }

    /** systemd reads the M suffix as mebibytes (base 1024), as the plans mean it. */
    private static String megabytes(long mb) {
        return mb + "M";
    }
}
