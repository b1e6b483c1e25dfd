package io.mooring.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every event type the platform can produce, with its record class and topic. */
public final class EventCatalog {

    /** One event type. */
    public record Entry(String type, String topic, Class<? extends MooringEvent> recordClass) {
    }

    /** Every event record; a record missing here cannot be produced or decoded. */
    private static final List<Class<? extends MooringEvent>> RECORDS = List.of(
            io.mooring.events.provisioning.HostRegistered.class,
            io.mooring.events.provisioning.HostCordoned.class,
            io.mooring.events.provisioning.HostUncordoned.class,
            io.mooring.events.provisioning.HostDrained.class,
            io.mooring.events.provisioning.HostRemoved.class,
            io.mooring.events.provisioning.AccountRequested.class,
            io.mooring.events.provisioning.AccountPlaced.class,
            io.mooring.events.provisioning.AccountReady.class,
            io.mooring.events.provisioning.AccountFailed.class,
            io.mooring.events.provisioning.AccountSuspended.class,
            io.mooring.events.provisioning.AccountResumed.class,
            io.mooring.events.provisioning.AccountMigrated.class,
            io.mooring.events.provisioning.AccountPlanChanged.class,
            io.mooring.events.provisioning.AccountDeleted.class,
            io.mooring.events.provisioning.AccountRestored.class,
            io.mooring.events.provisioning.AccountPurged.class,
            io.mooring.events.provisioning.ResourceRequested.class,
            io.mooring.events.provisioning.ResourceReady.class,
            io.mooring.events.provisioning.ResourceFailed.class,
            io.mooring.events.provisioning.ResourceDeleted.class,
            io.mooring.events.backups.BackupPolicyCreated.class,
            io.mooring.events.backups.BackupPolicyDeleted.class,
            io.mooring.events.backups.BackupPolicyUpdated.class,
            io.mooring.events.backups.BackupPolicyPaused.class,
            io.mooring.events.backups.BackupPolicyResumed.class,
            io.mooring.events.backups.BackupRunStarted.class,
            io.mooring.events.backups.BackupRunSucceeded.class,
            io.mooring.events.backups.BackupRunFailed.class,
            io.mooring.events.backups.BackupVerified.class,
            io.mooring.events.backups.RestoreCompleted.class,
            io.mooring.events.backups.RestoreFailed.class,
            io.mooring.events.backups.RestoreStarted.class,
            io.mooring.events.backups.BackupPruned.class,
            io.mooring.events.monitoring.MonitorCreated.class,
            io.mooring.events.monitoring.MonitorDeleted.class,
            io.mooring.events.monitoring.MonitorUpdated.class,
            io.mooring.events.monitoring.MonitorStateChanged.class,
            io.mooring.events.monitoring.IncidentOpened.class,
            io.mooring.events.monitoring.IncidentResolved.class,
            io.mooring.events.monitoring.IncidentReminded.class,
            io.mooring.events.monitoring.IncidentUpdated.class,
            io.mooring.events.monitoring.HeartbeatMissed.class,
            io.mooring.events.monitoring.MonitorPaused.class,
            io.mooring.events.monitoring.MonitorResumed.class,
            io.mooring.events.monitoring.CertificateExpiring.class,
            io.mooring.events.monitoring.MaintenanceStarted.class,
            io.mooring.events.monitoring.MaintenanceEnded.class,
            io.mooring.events.content.StatusCreated.class,
            io.mooring.events.content.StatusUpdated.class,
            io.mooring.events.content.StatusDeleted.class,
            io.mooring.events.content.InteractionAdded.class,
            io.mooring.events.content.InteractionRemoved.class,
            io.mooring.events.content.AuthorUpdated.class,
            io.mooring.events.chatops.CommandIssued.class,
            io.mooring.events.provisioning.AccountCommandRejected.class,
            io.mooring.events.backups.BackupCommandRejected.class,
            io.mooring.events.monitoring.MonitorCommandRejected.class,
            io.mooring.events.monitoring.StatusReported.class
    );

    private static final Map<String, Entry> BY_TYPE;
    private static final Map<Class<?>, Entry> BY_CLASS;

    static {
        Map<String, Entry> byType = new LinkedHashMap<>();
        Map<Class<?>, Entry> byClass = new LinkedHashMap<>();
        for (Class<? extends MooringEvent> recordClass : RECORDS) {
            EventType annotation = recordClass.getAnnotation(EventType.class);
            if (annotation == null) {
                throw new IllegalStateException(recordClass + " lacks @EventType");
            }
            Entry entry = new Entry(annotation.value(), annotation.topic(), recordClass);
            if (byType.put(entry.type(), entry) != null) {
                throw new IllegalStateException("duplicate event type " + entry.type());
            }
            byClass.put(recordClass, entry);
        }
        BY_TYPE = Collections.unmodifiableMap(byType);
        BY_CLASS = Collections.unmodifiableMap(byClass);
    }

    private EventCatalog() {
    }

    public static Optional<Entry> entryOf(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    public static Entry entryOf(Class<?> recordClass) {
        Entry entry = BY_CLASS.get(recordClass);
        if (entry == null) {
            throw new IllegalArgumentException(recordClass.getName() + " is not a registered event record");
        }
        return entry;
    }

    public static Set<String> types() {
        return BY_TYPE.keySet();
    }

    public static List<Entry> entries() {
        return List.copyOf(BY_TYPE.values());
    }
}
