package io.mooring.provisioner.placement;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.provisioner.host.Host;
import io.mooring.provisioner.host.HostRepository;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What every host holds, read from the database under one transaction-scoped advisory lock, so that
 * concurrent placements, migrations and plan changes (on any replica) never overcommit a host. Every
 * method joins the caller's transaction; the lock is released when it ends.
 */
@Singleton
public class CapacityLedger {
    private static final long LOCK_KEY = 0x706c6163656d656eL; // "placemen"
    private static final String USAGE = """
            SELECT a.host_id, SUM(p.memory_max_mb), SUM(p.cpu_weight), SUM(p.disk_quota_gb), COUNT(*)
            FROM account a JOIN plan p ON p.name = a.plan
            WHERE a.host_id IS NOT NULL AND a.state <> 'PURGED'
            GROUP BY a.host_id
            """;

    private static final String ON_PLAN = """
            SELECT host_id, COUNT(*) FROM account
            WHERE plan = ? AND host_id IS NOT NULL AND state <> 'PURGED'
            GROUP BY host_id
            """;

    private final JdbcOperations jdbc;
    private final HostRepository hosts;
    private final PlacementPolicy policy;

    public CapacityLedger(JdbcOperations jdbc, HostRepository hosts,
                          @Value("${mooring.provisioner.placement.policy:spread}") String strategy,
                          @Value("${mooring.provisioner.placement.cpu-overcommit:4.0}") double cpuOvercommit) {
        this.jdbc = jdbc;
        this.hosts = hosts;
        this.policy = new PlacementPolicy(PlacementStrategy.parse(strategy), cpuOvercommit);
    }

    /** A host for a new or moving account; {@code excluded} is its current host, if any. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Placement place(Resources demand, PlacementConstraints constraints, @Nullable UUID excluded) {
        lock();
        return policy.choose(loads(), demand, constraints, excluded);
    }

    /** Why the operator's chosen {@code target} cannot take the account; empty when it can. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Optional<Placement.NoFit> refusal(Host target, Resources demand, PlacementConstraints constraints) {
        lock();
        return policy.refusal(load(target), demand, constraints);
    }

    /** Why {@code host} cannot hold {@code extra} on top of what it holds; empty when it can. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Optional<Placement.NoFit> growthRefusal(Host host, Resources extra) {
        lock();
        return policy.growthRefusal(load(host), extra);
    }

    /**
     * Why giving every live account of {@code plan} {@code extraPerAccount} more would overcommit a
     * host (the first one, by name); empty when every host has room.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Optional<Placement.NoFit> planGrowthRefusal(String plan, Resources extraPerAccount) {
        lock();
        Map<UUID, Integer> onPlan = accountsOnPlan(plan);
        return loads().stream()
                .filter(load -> onPlan.containsKey(load.host().id()))
                .sorted(Comparator.comparing(load -> load.host().name()))
                .flatMap(load -> policy.growthRefusal(load, extraPerAccount.times(onPlan.get(load.host().id())))
                        .map(noFit -> new Placement.NoFit(noFit.rule(), "host " + load.host().name() + " holds "
                                + onPlan.get(load.host().id()) + " account(s) on plan " + plan + ": " + noFit.reason()))
                        .stream())
                .findFirst();
    }

    /** Every host with what it holds, taking the lock first. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public List<HostLoad> lockedLoads() {
        lock();
        return loads();
    }

    public PlacementPolicy policy() {
        return policy;
    }

    /**
     * Takes the placement lock for the rest of the caller's transaction. Everything that changes
     * what hosts hold (and account creation, which also checks the name is free) takes it first.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void lock() {
        jdbc.prepareStatement("SELECT pg_advisory_xact_lock(?)", ps -> {
            ps.setLong(1, LOCK_KEY);
            ps.execute();
            return null;
        });
    }

    private HostLoad load(Host host) {
        return loadOf(host, usage());
    }

    private List<HostLoad> loads() {
        Map<UUID, Usage> usage = usage();
        List<HostLoad> loads = new ArrayList<>();
        for (Host host : hosts.listOrderByCreatedAt()) {
            loads.add(loadOf(host, usage));
        }
        return loads;
    }

    private static HostLoad loadOf(Host host, Map<UUID, Usage> usage) {
        Usage used = usage.getOrDefault(host.id(), new Usage(Resources.NONE, 0));
        return new HostLoad(host, used.resources(), used.accounts());
    }

    private Map<UUID, Integer> accountsOnPlan(String plan) {
        return jdbc.prepareStatement(ON_PLAN, ps -> {
            ps.setString(1, plan);
            Map<UUID, Integer> counts = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getObject(1, UUID.class), rs.getInt(2));
                }
            }
            return counts;
        });
    }

    private Map<UUID, Usage> usage() {
        return jdbc.prepareStatement(USAGE, ps -> {
            Map<UUID, Usage> usage = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // cpu_weight / 100 cores = cpu_weight * 10 millicores, as Resources.demand says
                    usage.put(rs.getObject(1, UUID.class), new Usage(
                            new Resources(rs.getLong(2), rs.getLong(3) * 10, rs.getLong(4)), rs.getInt(5)));
                }
            }
            return usage;
        });
    }

    private record Usage(Resources resources, int accounts) {
    }
}
