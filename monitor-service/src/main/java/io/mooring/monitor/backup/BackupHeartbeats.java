package io.mooring.monitor.backup;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.events.backups.BackupPolicyState;
import io.mooring.events.backups.BackupTarget;
import io.mooring.events.monitoring.MonitorKind;
import io.mooring.monitor.heartbeat.CheckIns;
import io.mooring.monitor.heartbeat.ScheduleChange;
import io.mooring.monitor.monitor.Clearable;
import io.mooring.monitor.monitor.Monitor;
import io.mooring.monitor.monitor.MonitorChanges;
import io.mooring.monitor.monitor.MonitorDraft;
import io.mooring.monitor.monitor.MonitorRegistry;
import io.mooring.monitor.monitor.MonitorRepository;
import io.mooring.monitor.monitor.Pausing;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One heartbeat monitor per backup policy ({@code monitor.backup_policy_id}), named after what the
 * policy backs up, in the policy's account, waiting as long as its schedule says
 * ({@link BackupPeriod}); each successful run is a check-in. It has no token: only events feed it.
 * Every method joins the caller's transaction (the event's, with its processed mark).
 */
@Singleton
public class BackupHeartbeats {
    private final JdbcOperations jdbc;
    private final MonitorRepository monitors;
    private final MonitorRegistry registry;
    private final CheckIns checkIns;
    private final Clock clock;

    public BackupHeartbeats(JdbcOperations jdbc, MonitorRepository monitors, MonitorRegistry registry, CheckIns checkIns,
                            Clock clock) {
        this.jdbc = jdbc;
        this.monitors = monitors;
        this.registry = registry;
        this.checkIns = checkIns;
        this.clock = clock;
    }

    /** The name of a policy's heartbeat, e.g. {@code harbour backup}. */
    public static String name(BackupTarget target) {
        return target.name() + " backup";
    }

    /**
     * Creates the policy's heartbeat, or brings it up to date with the policy (period, paused or not).
     *
     * @param state nullable: the wire name of a {@code BackupPolicyState}; absent means ACTIVE
     */
    @Transactional
    public Monitor watch(String policyId, String accountId, BackupTarget target, String schedule,
                         @Nullable String timeZone, @Nullable String state) {
        BackupPeriod period = BackupPeriod.of(schedule, timeZone, clock.instant());
        Monitor monitor = find(policyId)
                // the policy owns its heartbeat's timing: a schedule set by a PATCH since is taken away
                .map(existing -> registry.update(existing.id(), new MonitorChanges(null, null, period.intervalSeconds(),
                        null, period.graceSeconds(), null, null, null, new ScheduleChange(Clearable.CLEARED, null))))
                .orElseGet(() -> create(policyId, accountId, target, period));
        BackupPolicyState policyState = state == null ? BackupPolicyState.ACTIVE : BackupPolicyState.valueOf(state);
        switch (policyState) {
            case ACTIVE -> registry.resumeIfPausedBy(monitor.id(), Pausing.By.BACKUP_POLICY, "backup policy active");
            case PAUSED -> registry.pause(monitor.id(), Pausing.by(Pausing.By.BACKUP_POLICY, "backup policy paused"));
            case STOPPED -> registry.pause(monitor.id(), Pausing.by(Pausing.By.BACKUP_POLICY, "backup policy stopped"));
        }
        return monitor;
    }

    private Monitor create(String policyId, String accountId, BackupTarget target, BackupPeriod period) {
        String name = name(target);
        if (monitors.nameTaken(accountId, name)) {
            // two policies of one target: the second is told apart by its policy
            name = name + " (policy " + policyId + ")";
        }
        Monitor monitor = registry.registerFedByEvents(new MonitorDraft(accountId, name, MonitorKind.HEARTBEAT, null,
                period.intervalSeconds(), period.graceSeconds()));
        jdbc.prepareStatement("UPDATE monitor SET backup_policy_id = ? WHERE id = ?", ps -> {
            ps.setString(1, policyId);
            ps.setObject(2, monitor.id());
            return ps.executeUpdate();
        });
        return monitor;
    }

    /** The policy no longer runs on schedule: its heartbeat waits for nothing until it is resumed. */
    @Transactional
    public void paused(String policyId, String reason) {
        find(policyId).ifPresent(m -> registry.pause(m.id(), Pausing.by(Pausing.By.BACKUP_POLICY, "backup policy paused: " + reason)));
    }

    /** The policy runs again: its heartbeat waits for the next run, unless something else paused it. */
    @Transactional
    public void resumed(String policyId, String reason) {
        find(policyId).ifPresent(m -> registry.resumeIfPausedBy(m.id(), Pausing.By.BACKUP_POLICY,
                "backup policy resumed: " + reason));
    }

    /** Deletes the policy's heartbeat; false when it had none. */
    @Transactional
    public boolean deleted(String policyId) {
        Optional<Monitor> monitor = find(policyId);
        monitor.ifPresent(m -> registry.delete(m.id()));
        return monitor.isPresent();
    }

    /** A run of the policy succeeded: its heartbeat's check-in. False when the policy has no heartbeat. */
    @Transactional
    public boolean succeeded(String policyId, String runId) {
        Instant now = clock.instant();
        return find(policyId).flatMap(m -> checkIns.checkIn(m.id(), now, "backup run " + runId + " succeeded")).isPresent();
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    Optional<Monitor> find(String policyId) {
        Optional<UUID> id = jdbc.prepareStatement("SELECT id FROM monitor WHERE backup_policy_id = ?", ps -> {
            ps.setString(1, policyId);
            try (ResultSet row = ps.executeQuery()) {
                return row.next() ? Optional.of(row.getObject(1, UUID.class)) : Optional.<UUID>empty();
            }
        });
        return id.flatMap(monitors::findById);
    }
}
