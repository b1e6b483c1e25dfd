package io.mooring.monitor.status.maintenance;

import io.micronaut.transaction.annotation.Transactional;
import io.mooring.runtime.http.ProblemException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Changes and deletions of windows, each under the window's row lock; deleting one under way ends it. */
@Singleton
public class MaintenanceChanges {
    private final MaintenanceWindows windows;
    private final MaintenanceOccurrences occurrences;
    private final Clock clock;

    public MaintenanceChanges(MaintenanceWindows windows, MaintenanceOccurrences occurrences, Clock clock) {
        this.windows = windows;
        this.occurrences = occurrences;
        this.clock = clock;
    }

    /**
     * The window after {@code change}, stored; its monitors replaced when {@code monitorsChanged}.
     *
     * @throws ProblemException 404 when there is no such window
     */
    @Transactional
    public MaintenanceWindow change(UUID id, UnaryOperator<MaintenanceWindow> change, boolean monitorsChanged) {
        MaintenanceWindow current = windows.lock(id).orElseThrow(() -> ProblemException.notFound("maintenance window", id));
        MaintenanceWindow changed = change.apply(current);
        windows.save(changed);
        if (monitorsChanged) {
            windows.replaceMonitors(changed);
        }
        return changed;
    }

    /**
     * Deletes the window; one under way ends now, with {@code MaintenanceEnded}.
     *
     * @throws ProblemException 404 when there is no such window
     */
    @Transactional
    public void delete(UUID id) {
        MaintenanceWindow deleted = windows.delete(id).orElseThrow(() -> ProblemException.notFound("maintenance window", id));
        if (deleted.phase().equals(MaintenanceWindow.UNDER_WAY)) {
            occurrences.end(deleted, clock.instant(), clock.instant());
        }
    }
}
