package io.mooring.monitor.account;

import io.micronaut.transaction.annotation.Transactional;
import io.mooring.events.monitoring.MonitorState;
import io.mooring.monitor.monitor.Monitor;
import io.mooring.monitor.monitor.MonitorRegistry;
import io.mooring.monitor.monitor.MonitorRepository;
import io.mooring.monitor.monitor.Pausing;
import jakarta.inject.Singleton;

/**
 * An account's monitors follow the account: paused while it is suspended or deleted, resumed when it
 * comes back (only those the suspension or deletion paused, not those an operator paused), deleted
 * when it is purged. Each change and its events share the caller's transaction (which also holds the
 * event's processed mark), or a new one.
 */
@Singleton
public class AccountMonitors {
    private final MonitorRepository monitors;
    private final MonitorRegistry registry;

    public AccountMonitors(MonitorRepository monitors, MonitorRegistry registry) {
        this.monitors = monitors;
        this.registry = registry;
    }

    /** Pauses every running monitor of the account, remembering {@code by}; returns how many. */
    @Transactional
    public int pauseAll(String accountId, Pausing.By by, String reason) {
        int paused = 0;
        for (Monitor monitor : monitors.findByAccountIdOrderByCreatedAt(accountId)) {
            if (monitor.state() != MonitorState.PAUSED) {
                registry.pause(monitor.id(), Pausing.by(by, reason));
                paused++;
            }
        }
        return paused;
    }

    /** Resumes the account's monitors that {@code by} paused; returns how many. */
    @Transactional
    public int resumeAll(String accountId, Pausing.By by, String reason) {
        int resumed = 0;
        for (Monitor monitor : monitors.findByAccountIdOrderByCreatedAt(accountId)) {
            if (registry.resumeIfPausedBy(monitor.id(), by, reason)) {
                resumed++;
            }
        }
        return resumed;
    }

    /** Deletes every monitor of a purged account; returns how many. */
    @Transactional
    public int forget(String accountId) {
        return registry.deleteAccount(accountId);
    }
}
