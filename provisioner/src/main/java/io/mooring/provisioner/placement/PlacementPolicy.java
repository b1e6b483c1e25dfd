package io.mooring.provisioner.placement;

import io.mooring.provisioner.host.Host;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Spread placement: the schedulable host with the most memory left after the new account's hard
 * limit. Memory hard limits are never overcommitted.
 */
public final class PlacementPolicy {

    /** Why nothing fits, for the 409 problem. */
    public record NoFit(String reason) {
    }

    public Optional<Host> choose(List<Host> hosts, Map<UUID, Long> committedMemoryMb, long memoryMaxMb) {
        return hosts.stream()
                .filter(h -> !h.cordoned())
                .filter(h -> free(h, committedMemoryMb) >= memoryMaxMb)
                .max(Comparator.comparingLong((Host h) -> free(h, committedMemoryMb)).thenComparing(Host::name, Comparator.reverseOrder()));
    }

    public NoFit explain(List<Host> hosts, Map<UUID, Long> committedMemoryMb, long memoryMaxMb) {
        if (hosts.isEmpty()) {
            return new NoFit("no host is registered");
        }
        if (hosts.stream().allMatch(Host::cordoned)) {
            return new NoFit("every host is cordoned");
        }
        long best = hosts.stream().filter(h -> !h.cordoned()).mapToLong(h -> free(h, committedMemoryMb)).max().orElse(0);
        return new NoFit("memory: the plan needs " + memoryMaxMb + " MB, the most any schedulable host has left is " + best + " MB");
    }

    private static long free(Host host, Map<UUID, Long> committed) {
        return host.memoryMb() - committed.getOrDefault(host.id(), 0L);
    }
}
