package io.mooring.monitor.account;

import io.micronaut.transaction.annotation.Transactional;
import io.mooring.events.monitoring.MonitorKind;
import io.mooring.events.provisioning.AccountPurged;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.monitor.monitor.MonitorDraft;
import io.mooring.monitor.monitor.MonitorRegistry;
import io.mooring.monitor.monitor.MonitorRepository;
import io.mooring.runtime.consumer.ProcessedEvents;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.UUID;

/**
 * The monitors every account gets from the platform, applied once per event: the guard, the
 * change and its events share one transaction.
 */
@Singleton
public class AccountMonitors {
    /** The backup service runs each account's backup nightly. */
    static final Duration BACKUP_INTERVAL = Duration.ofDays(1);
    /** How late a nightly backup may check in before the account's backups count as missing. */
    static final Duration BACKUP_GRACE = Duration.ofHours(2);

    private final ProcessedEvents processed;
    private final MonitorRepository monitors;
    private final MonitorRegistry registry;

    public AccountMonitors(ProcessedEvents processed, MonitorRepository monitors, MonitorRegistry registry) {
        this.processed = processed;
        this.monitors = monitors;
        this.registry = registry;
    }

    /** The name of an account's backup heartbeat. */
    public static String backupMonitorName(String accountName) {
        return accountName + "-backup";
    }

    /**
     * Creates the dead man's switch the backup service checks in with after each nightly backup.
     * Returns false when the event was applied before or the account already has that monitor.
     */
    @Transactional
    public boolean watchBackups(UUID eventId, AccountReady ready) {
        if (!processed.firstTime(ProvisioningEvents.NAME, eventId)) {
            return false;
        }
        String name = backupMonitorName(ready.name());
        if (monitors.nameTaken(ready.accountId(), name)) {
            return false;
        }
        registry.register(new MonitorDraft(ready.accountId(), name, MonitorKind.HEARTBEAT, null,
                (int) BACKUP_INTERVAL.toSeconds(), (int) BACKUP_GRACE.toSeconds()));
        return true;
    }

    /** Deletes every monitor of a purged account; returns how many, 0 for a repeated event. */
    @Transactional
    public int forget(UUID eventId, AccountPurged purged) {
        if (!processed.firstTime(ProvisioningEvents.NAME, eventId)) {
            return 0;
        }
        return registry.deleteAccount(purged.accountId());
    }
}
