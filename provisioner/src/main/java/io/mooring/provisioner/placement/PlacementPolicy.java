package io.mooring.provisioner.placement;

import io.micronaut.core.annotation.Nullable;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.ToLongFunction;

/**
 * Chooses a host for an account, or says why none fits. Hosts must satisfy the account's
 * constraints, take new accounts (not cordoned or draining) and have room for its demand: memory
 * and disk are never overcommitted, CPU up to {@code cpuOvercommit} times the host's cores. Among
 * the hosts that fit, {@link PlacementStrategy} decides. Pure: no I/O, no clock.
 */
public final class PlacementPolicy {
    private final PlacementStrategy strategy;
    private final double cpuOvercommit;

    public PlacementPolicy(PlacementStrategy strategy, double cpuOvercommit) {
        if (!(cpuOvercommit >= 1.0) || Double.isInfinite(cpuOvercommit)) {
            throw new IllegalArgumentException("cpuOvercommit must be a finite number >= 1.0, was " + cpuOvercommit);
        }
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.cpuOvercommit = cpuOvercommit;
    }

    public double cpuOvercommit() {
        return cpuOvercommit;
    }

    /**
     * The host for an account demanding {@code demand} under {@code constraints}; {@code excluded}
     * (the account's current host when it moves) is never chosen. When nothing fits, the reason
     * names the first filter that left no host, in this order: hosts, datacenter, labels, cordoned,
     * memory, cpu, disk.
     */
    public Placement choose(List<HostLoad> hosts, Resources demand, PlacementConstraints constraints, @Nullable UUID excluded) {
        List<HostLoad> pool = hosts.stream().filter(h -> !h.host().id().equals(excluded)).toList();
        if (pool.isEmpty()) {
            return new Placement.NoFit("hosts", excluded == null ? "no host is registered" : "no other host is registered");
        }
        String where = constraints.datacenter() == null ? "" : " in datacenter " + constraints.datacenter();
        List<HostLoad> inDatacenter = pool.stream()
                .filter(h -> constraints.datacenter() == null || constraints.datacenter().equals(h.host().datacenter())).toList();
        if (inDatacenter.isEmpty()) {
            return new Placement.NoFit("datacenter", "no host" + (excluded == null ? "" : " other than the current one") + where);
        }
        List<HostLoad> labelled = inDatacenter.stream().filter(h -> Labels.matchAll(h.host().labels(), constraints.labels())).toList();
        if (labelled.isEmpty()) {
            return new Placement.NoFit("labels", "labels " + Labels.format(constraints.labels()) + " matched no host" + where);
        }
        List<HostLoad> open = labelled.stream().filter(HostLoad::schedulable).toList();
        if (open.isEmpty()) {
            return new Placement.NoFit("cordoned", "every matching host is cordoned");
        }
        List<HostLoad> roomy = fitting(open, demand);
        if (roomy.isEmpty()) {
            return shortage(open, demand);
        }
        Comparator<HostLoad> byFreeMemory = Comparator.comparingLong(h -> h.free(cpuOvercommit).memoryMb());
        Comparator<HostLoad> order = strategy == PlacementStrategy.SPREAD ? byFreeMemory.reversed() : byFreeMemory;
        HostLoad best = roomy.stream().min(order.thenComparing(h -> h.host().name())).orElseThrow();
        return new Placement.Chosen(best.host());
    }

    /** Why {@code target}, chosen by an operator, cannot take the account; empty when it can. */
    public Optional<Placement.NoFit> refusal(HostLoad target, Resources demand, PlacementConstraints constraints) {
        String name = "host " + target.host().name();
        if (!target.schedulable()) {
            return Optional.of(new Placement.NoFit("cordoned", name + " is cordoned"));
        }
        if (constraints.datacenter() != null && !constraints.datacenter().equals(target.host().datacenter())) {
            return Optional.of(new Placement.NoFit("datacenter", name + " is in datacenter " + target.host().datacenter()
                    + "; the account must stay in datacenter " + constraints.datacenter()));
        }
        if (!Labels.matchAll(target.host().labels(), constraints.labels())) {
            return Optional.of(new Placement.NoFit("labels", name + " does not carry labels " + Labels.format(constraints.labels())));
        }
        return growthRefusal(target, demand);
    }

    /**
     * Why {@code host} cannot hold {@code extra} more than it does now (a plan change of one of its
     * accounts); only resources that grow are checked, so shrinking is always allowed.
     */
    public Optional<Placement.NoFit> growthRefusal(HostLoad host, Resources extra) {
        Resources free = host.free(cpuOvercommit);
        String name = "host " + host.host().name();
        if (extra.memoryMb() > 0 && extra.memoryMb() > free.memoryMb()) {
            return Optional.of(new Placement.NoFit("memory", "memory: needs " + extra.memoryMb() + " MB, " + name + " has "
                    + Math.max(0, free.memoryMb()) + " MB left"));
        }
        if (extra.cpuMillis() > 0 && extra.cpuMillis() > free.cpuMillis()) {
            return Optional.of(new Placement.NoFit("cpu", "cpu: needs " + Resources.cores(extra.cpuMillis()) + ", " + name + " has "
                    + Resources.cores(Math.max(0, free.cpuMillis())) + " left (cpu overcommit " + cpuOvercommit + ")"));
        }
        if (extra.diskGb() > 0 && extra.diskGb() > free.diskGb()) {
            return Optional.of(new Placement.NoFit("disk", "disk: needs " + extra.diskGb() + " GB, " + name + " has "
                    + Math.max(0, free.diskGb()) + " GB left"));
        }
        return Optional.empty();
    }

    private List<HostLoad> fitting(List<HostLoad> hosts, Resources demand) {
        return hosts.stream().filter(h -> growthRefusal(h, demand).isEmpty()).toList();
    }

    /** The first resource no host has enough of, judged on the hosts that had enough of the ones before. */
    private Placement.NoFit shortage(List<HostLoad> open, Resources demand) {
        List<HostLoad> memory = open.stream().filter(h -> h.free(cpuOvercommit).memoryMb() >= demand.memoryMb()).toList();
        if (memory.isEmpty()) {
            return new Placement.NoFit("memory", "memory: needs " + demand.memoryMb() + " MB, best host has "
                    + best(open, Resources::memoryMb) + " MB left");
        }
        List<HostLoad> cpu = memory.stream().filter(h -> h.free(cpuOvercommit).cpuMillis() >= demand.cpuMillis()).toList();
        if (cpu.isEmpty()) {
            return new Placement.NoFit("cpu", "cpu: needs " + Resources.cores(demand.cpuMillis()) + ", best host has "
                    + Resources.cores(best(memory, Resources::cpuMillis)) + " left (cpu overcommit " + cpuOvercommit + ")");
        }
        return new Placement.NoFit("disk", "disk: needs " + demand.diskGb() + " GB, best host has "
                + best(cpu, Resources::diskGb) + " GB left");
    }

    private long best(List<HostLoad> hosts, ToLongFunction<Resources> resource) {
        return Math.max(0, hosts.stream().mapToLong(h -> resource.applyAsLong(h.free(cpuOvercommit))).max().orElse(0));
    }
}
