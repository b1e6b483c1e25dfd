package io.mooring.monitor.backup;

import io.mooring.events.MooringEvent;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.events.backups.BackupPolicyCreated;
import io.mooring.events.backups.BackupPolicyDeleted;
import io.mooring.events.backups.BackupPolicyPaused;
import io.mooring.events.backups.BackupPolicyResumed;
import io.mooring.events.backups.BackupPolicyUpdated;
import io.mooring.events.backups.BackupRunSucceeded;
import io.mooring.runtime.consumer.EventHandler;
import io.mooring.runtime.consumer.ProcessedEvents;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * Follows backup policies on {@code mooring.backups}: each policy has a heartbeat monitor
 * ({@link BackupHeartbeats}) created, changed, paused, resumed and deleted with it, and each
 * {@code BackupRunSucceeded} is its check-in. Each event is applied once, in one transaction with its
 * processed mark; every other event, known or not, is skipped.
 */
@Singleton
public class BackupEventHandler implements EventHandler {
    /** Consumer group suffix, and the consumer name of the idempotency guard. */
    public static final String NAME = "backups";

    private static final Logger LOG = LoggerFactory.getLogger(BackupEventHandler.class);

    private final BackupHeartbeats heartbeats;
    private final ProcessedEvents processed;

    public BackupEventHandler(BackupHeartbeats heartbeats, ProcessedEvents processed) {
        this.heartbeats = heartbeats;
        this.processed = processed;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.BACKUPS);
    }

    @Override
    public void handle(ReceivedEvent event) {
        MooringEvent data = event.data().orElse(null);
        switch (data) {
            case BackupPolicyCreated created -> processed.applyOnce(NAME, event.id(), () ->
                    heartbeats.watch(created.policyId(), created.accountId(), created.target(), created.schedule(),
                            created.timeZone(), created.state()));
            case BackupPolicyUpdated updated -> processed.applyOnce(NAME, event.id(), () ->
                    heartbeats.watch(updated.policyId(), updated.accountId(), updated.target(), updated.schedule(),
                            updated.timeZone(), updated.state()));
            case BackupPolicyPaused paused -> processed.applyOnce(NAME, event.id(), () ->
                    heartbeats.paused(paused.policyId(), paused.reason()));
            case BackupPolicyResumed resumed -> processed.applyOnce(NAME, event.id(), () ->
                    heartbeats.resumed(resumed.policyId(), resumed.reason()));
            case BackupPolicyDeleted deleted -> processed.applyOnce(NAME, event.id(), () -> {
                if (heartbeats.deleted(deleted.policyId())) {
                    LOG.info("backup policy {} deleted: its heartbeat is deleted", deleted.policyId());
                }
            });
            case BackupRunSucceeded succeeded -> processed.applyOnce(NAME, event.id(), () -> {
                if (!heartbeats.succeeded(succeeded.policyId(), succeeded.runId())) {
                    LOG.debug("backup run {} of policy {} succeeded, but the policy has no heartbeat",
                            succeeded.runId(), succeeded.policyId());
                }
            });
            case null, default -> {
                // runs started or failed, restores, prunes: a missed success is what the heartbeat tells
            }
        }
    }
}
