package io.mooring.provisioner.host;

import io.micronaut.transaction.annotation.Transactional;
import io.mooring.events.provisioning.HostCordoned;
import io.mooring.events.provisioning.HostRegistered;
import io.mooring.events.provisioning.HostRemoved;
import io.mooring.events.provisioning.HostUncordoned;
import io.mooring.provisioner.placement.CapacityLedger;
import io.mooring.provisioner.placement.HostLoad;
import io.mooring.runtime.Ids;
import io.mooring.runtime.http.ProblemException;
import io.mooring.runtime.outbox.Outbox;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/** Registers, cordons, uncordons and removes hosts, each change with its event. */
@Singleton
public class HostRegistry {
    private final HostRepository hosts;
    private final CapacityLedger ledger;
    private final Outbox outbox;
    private final Clock clock;

    public HostRegistry(HostRepository hosts, CapacityLedger ledger, Outbox outbox, Clock clock) {
        this.hosts = hosts;
        this.ledger = ledger;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Host register(RegisterHost request) {
        ledger.lock();
        if (hosts.existsByName(request.name())) {
            throw ProblemException.conflict("host-exists", "a host named " + request.name() + " is already registered");
        }
        Map<String, String> labels = Map.copyOf(request.labels());
        Host host = hosts.save(new Host(Ids.next(), request.name(), request.datacenter(), request.cpuCores(),
                request.memoryMb(), request.diskGb(), labels, false, false, clock.instant()));
        outbox.append(new HostRegistered(host.id().toString(), host.name(), host.datacenter(), host.cpuCores(),
                host.memoryMb(), host.diskGb(), labels));
        return host;
    }

    /** No new placements on the host; a no-op (no event) when it is cordoned already. */
    @Transactional
    public Host cordon(UUID id) {
        Host host = locked(id);
        if (host.cordoned()) {
            return host;
        }
        outbox.append(new HostCordoned(id.toString()));
        return hosts.update(host.withCordon(true));
    }

    /** The host takes new accounts again; a no-op when it is not cordoned, refused while it drains. */
    @Transactional
    public Host uncordon(UUID id) {
        Host host = locked(id);
        if (host.draining()) {
            throw ProblemException.conflict("host-draining", "host " + host.name() + " is draining; it stays cordoned until the drain ends");
        }
        if (!host.cordoned()) {
            return host;
        }
        outbox.append(new HostUncordoned(id.toString()));
        return hosts.update(host.withCordon(false));
    }

    /** Removes an empty host; refused while any account (deleted ones in their grace period too) is on it. */
    @Transactional
    public void remove(UUID id) {
        ledger.lock();
        Host host = locked(id);
        HostLoad load = ledger.lockedLoads().stream().filter(l -> l.host().id().equals(id)).findFirst().orElseThrow();
        if (load.accounts() > 0) {
            throw ProblemException.conflict("host-not-empty", "host " + host.name() + " still holds " + load.accounts()
                    + " account(s), deleted ones in their grace period included; drain it first");
        }
        if (host.draining()) {
            throw ProblemException.conflict("host-draining", "host " + host.name() + " is draining; wait until the drain ends");
        }
        hosts.delete(host);
        outbox.append(new HostRemoved(id.toString()));
    }

    private Host locked(UUID id) {
        return hosts.findByIdForUpdate(id).orElseThrow(() -> ProblemException.notFound("host", id));
    }
}
