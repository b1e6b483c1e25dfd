package io.mooring.provisioner.placement;

import io.mooring.provisioner.host.Host;

import java.util.Objects;

/**
 * A host and what its accounts already hold of it. An account holds its plan's demand on its host
 * from placement until it is purged (suspended and deleted accounts keep their place).
 */
public record HostLoad(Host host, Resources used, int accounts) {

    public HostLoad {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(used, "used");
    }

    /** What the host offers: all its memory and disk, its cores times the CPU overcommit ratio. */
    public Resources capacity(double cpuOvercommit) {
        return new Resources(host.memoryMb(), (long) Math.floor(host.cpuCores() * 1000L * cpuOvercommit), host.diskGb());
    }

    public Resources free(double cpuOvercommit) {
        return capacity(cpuOvercommit).minus(used);
    }

    /** Takes new accounts: neither cordoned nor draining. */
    public boolean schedulable() {
        return !host.cordoned() && !host.draining();
    }
}
