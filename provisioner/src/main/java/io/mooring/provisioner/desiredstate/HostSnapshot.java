package io.mooring.provisioner.desiredstate;

import io.mooring.provisioner.isolation.Tenant;

import java.util.List;
import java.util.UUID;

/**
 * What lives on a host at one instant: the input of its desired state.
 *
 * @param hostId   the host
 * @param memoryMb the host's memory
 * @param tenants  its accounts, deleted and failed ones left out
 * @param sites    the ready sites of those accounts
 */
record HostSnapshot(UUID hostId, long memoryMb, List<Tenant> tenants, List<HostSites.Row> sites) {
    HostSnapshot {
        tenants = List.copyOf(tenants);
        sites = List.copyOf(sites);
    }
}
