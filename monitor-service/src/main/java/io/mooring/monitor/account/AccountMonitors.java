package io.mooring.monitor.account;

import io.micronaut.transaction.annotation.Transactional;
import io.mooring.events.monitoring.MonitorKind;
import io.mooring.events.provisioning.AccountPurged;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.monitor.monitor.MonitorDraft;
import io.mooring.monitor.monitor.MonitorRegistry;
import io.mooring.monitor.monitor.MonitorRepository;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * The monitors every account gets from the platform. The change and its events share one
 * transaction (the caller's, which also holds the event's processed mark, or a new one).
 */
@Singleton
public class AccountMonitors {
    /** The backup service runs each account's backup nightly. */
    static final Duration BACKUP_INTERVAL = Duration.ofDays(1);
    /** How late a nightly backup may check in before the account's backups count as missing. */
    static final Duration BACKUP_GRACE = Duration.ofHours(2);

    private final MonitorRepository monitors;
    private final MonitorRegistry registry;

    public AccountMonitors(MonitorRepository monitors, MonitorRegistry registry) {
        this.monitors = monitors;
        this.registry = registry;
    }

    /** The name of an account's backup heartbeat. */
    public static String backupMonitorName(String accountName) {
        return accountName + "-backup";
    }

    /**
     * Creates the dead man's switch the backup service checks in with after each nightly backup.
     * Returns false when the account already has that monitor.
     */
    @Transactional
    public boolean watchBackups(AccountReady ready) {
        String name = backupMonitorName(ready.name());
        if (monitors.nameTaken(ready.accountId(), name)) {
            return false;
        }
        registry.register(new MonitorDraft(ready.accountId(), name, MonitorKind.HEARTBEAT, null,
                (int) BACKUP_INTERVAL.toSeconds(), (int) BACKUP_GRACE.toSeconds()));
        return true;
    }

    /** Deletes every monitor of a purged account; returns how many. */
    @Transactional
    public int forget(AccountPurged purged) {
        return registry.deleteAccount(purged.accountId());
    }
}
