package io.mooring.provisioner.placement;

import java.math.BigDecimal;

/**
 * An amount of host capacity: memory (MB), CPU (millicores) and disk (GB). An account's demand is
 * its plan's {@code memory_max_mb}, {@code cpu_weight / 100} cores and {@code disk_quota_gb}.
 */
public record Resources(long memoryMb, long cpuMillis, long diskGb) {
    public static final Resources NONE = new Resources(0, 0, 0);

    /** What one account on a plan with these limits takes from its host. */
    public static Resources demand(long memoryMaxMb, int cpuWeight, long diskQuotaGb) {
        return new Resources(memoryMaxMb, cpuWeight * 10L, diskQuotaGb);
    }

    public Resources plus(Resources other) {
        return new Resources(memoryMb + other.memoryMb, cpuMillis + other.cpuMillis, diskGb + other.diskGb);
    }

    public Resources minus(Resources other) {
        return new Resources(memoryMb - other.memoryMb, cpuMillis - other.cpuMillis, diskGb - other.diskGb);
    }

    public Resources times(long factor) {
        return new Resources(memoryMb * factor, cpuMillis * factor, diskGb * factor);
    }

    static String cores(long millis) {
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + (millis == 1000 ? " core" : " cores");
    }
}
