package io.mooring.provisioner.drain;

import io.micronaut.transaction.annotation.Transactional;
import io.mooring.events.provisioning.HostCordoned;
import io.mooring.provisioner.host.Host;
import io.mooring.provisioner.host.HostRepository;
import io.mooring.provisioner.operation.Operation;
import io.mooring.provisioner.operation.OperationRepository;
import io.mooring.runtime.Ids;
import io.mooring.runtime.http.ProblemException;
import io.mooring.runtime.outbox.Outbox;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Starts drains: the host is cordoned and marked draining, and a {@code host.drain} operation tracks the moves. */
@Singleton
public class HostDrains {
    static final String KIND = "host.drain";

    private final HostRepository hosts;
    private final OperationRepository operations;
    private final Outbox outbox;
    private final Clock clock;

    public HostDrains(HostRepository hosts, OperationRepository operations, Outbox outbox, Clock clock) {
        this.hosts = hosts;
        this.operations = operations;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Operation start(UUID hostId) {
        Host host = hosts.findByIdForUpdate(hostId).orElseThrow(() -> ProblemException.notFound("host", hostId));
        if (host.draining()) {
            throw ProblemException.conflict("drain-in-progress", "host " + host.name() + " is being drained already");
        }
        if (!host.cordoned()) {
            outbox.append(new HostCordoned(hostId.toString()));
        }
        hosts.update(host.withDraining(true));
        Instant now = clock.instant();
        return operations.save(new Operation(Ids.next(), KIND, hostId, Operation.State.RUNNING, null, now, now));
    }
}
