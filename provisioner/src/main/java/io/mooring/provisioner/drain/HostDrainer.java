package io.mooring.provisioner.drain;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import io.mooring.events.provisioning.HostDrained;
import io.mooring.provisioner.account.Account;
import io.mooring.provisioner.account.AccountMigration;
import io.mooring.provisioner.account.AccountRepository;
import io.mooring.provisioner.host.Host;
import io.mooring.provisioner.host.HostRepository;
import io.mooring.provisioner.operation.Operation;
import io.mooring.provisioner.operation.OperationRepository;
import io.mooring.provisioner.placement.CapacityLedger;
import io.mooring.provisioner.placement.Placement;
import io.mooring.runtime.outbox.Outbox;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Carries running drains forward: one account per transaction is migrated off the host, to where
 * placement chooses. When none is left the host stops draining (it stays cordoned), the operation
 * succeeds and {@link HostDrained} is announced; when an account fits nowhere the operation fails
 * with the reason, the accounts moved so far stay moved and the host stays cordoned. A drain
 * resumes after a restart: its state is the operation row, claimed with {@code SKIP LOCKED} so
 * replicas never move the same host's accounts at once.
 */
@Singleton
public class HostDrainer {
    private static final Logger LOG = LoggerFactory.getLogger(HostDrainer.class);
    private static final String RUNNING = "SELECT id FROM operation WHERE kind = ? AND state = 'RUNNING' ORDER BY created_at";
    private static final String CLAIM = "SELECT id FROM operation WHERE id = ? AND state = 'RUNNING' FOR UPDATE SKIP LOCKED";

    private final TransactionOperations<Connection> transactions;
    private final JdbcOperations jdbc;
    private final OperationRepository operations;
    private final HostRepository hosts;
    private final AccountRepository accounts;
    private final AccountMigration migration;
    private final CapacityLedger ledger;
    private final Outbox outbox;
    private final Clock clock;

    public HostDrainer(TransactionOperations<Connection> transactions, JdbcOperations jdbc, OperationRepository operations,
                       HostRepository hosts, AccountRepository accounts, AccountMigration migration, CapacityLedger ledger,
                       Outbox outbox, Clock clock) {
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.operations = operations;
        this.hosts = hosts;
        this.accounts = accounts;
        this.migration = migration;
        this.ledger = ledger;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${mooring.provisioner.drain.interval:1s}")
    void drainOnSchedule() {
        try {
            for (UUID operation : running()) {
                while (step(operation)) {
                    LOG.debug("drain {}: moved one account", operation);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("draining hosts failed, will retry on the next run: {}", e.toString());
        }
    }

    /** Moves one account of the drain {@code operationId}; true when there may be more to move. */
    boolean step(UUID operationId) {
        return transactions.executeWrite(status -> {
            if (!claim(operationId)) {
                return false;
            }
            ledger.lock(); // before any host or account row, like every other capacity change
            Operation operation = operations.findById(operationId).orElseThrow();
            Optional<Host> host = hosts.findByIdForUpdate(operation.targetId());
            if (host.isEmpty()) {
                operations.update(failed(operation, "host " + operation.targetId() + " no longer exists"));
                return false;
            }
            Optional<Account> next = accounts.findFirstLiveOnHostForUpdate(host.get().id());
            if (next.isEmpty()) {
                hosts.update(host.get().withDraining(false));
                outbox.append(new HostDrained(host.get().id().toString()));
                operations.update(operation.succeeded(clock.instant()));
                LOG.info("host {} is drained", host.get().name());
                return false;
            }
            Optional<Placement.NoFit> stuck = migration.moveOff(next.get());
            if (stuck.isPresent()) {
                hosts.update(host.get().withDraining(false));
                operations.update(failed(operation, "cannot move " + stuck.get().reason()));
                LOG.warn("drain of host {} stopped: {}", host.get().name(), stuck.get().reason());
                return false;
            }
            return true;
        });
    }

    private List<UUID> running() {
        return transactions.executeRead(status -> jdbc.prepareStatement(RUNNING, ps -> {
            ps.setString(1, HostDrains.KIND);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        }));
    }

    private boolean claim(UUID operationId) {
        return jdbc.prepareStatement(CLAIM, ps -> {
            ps.setObject(1, operationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    private Operation failed(Operation operation, String reason) {
        return new Operation(operation.id(), operation.kind(), operation.targetId(), Operation.State.FAILED, reason,
                operation.createdAt(), clock.instant());
    }
}
