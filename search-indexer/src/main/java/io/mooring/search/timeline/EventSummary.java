package io.mooring.search.timeline;

import io.mooring.events.MooringEvent;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.backups.BackupCommandRejected;
import io.mooring.events.backups.BackupPolicyCreated;
import io.mooring.events.backups.BackupPolicyDeleted;
import io.mooring.events.backups.BackupPruned;
import io.mooring.events.backups.BackupRunFailed;
import io.mooring.events.backups.BackupRunStarted;
import io.mooring.events.backups.BackupRunSucceeded;
import io.mooring.events.backups.BackupVerified;
import io.mooring.events.backups.RestoreCompleted;
import io.mooring.events.backups.RestoreFailed;
import io.mooring.events.backups.RestoreStarted;
import io.mooring.events.chatops.CommandIssued;
import io.mooring.events.monitoring.HeartbeatMissed;
import io.mooring.events.monitoring.IncidentOpened;
import io.mooring.events.monitoring.IncidentReminded;
import io.mooring.events.monitoring.IncidentResolved;
import io.mooring.events.monitoring.IncidentUpdated;
import io.mooring.events.monitoring.MonitorCommandRejected;
import io.mooring.events.monitoring.MonitorCreated;
import io.mooring.events.monitoring.MonitorDeleted;
import io.mooring.events.monitoring.MonitorUpdated;
import io.mooring.events.monitoring.MonitorStateChanged;
import io.mooring.events.monitoring.StatusReported;
import io.mooring.events.provisioning.AccountCommandRejected;
import io.mooring.events.provisioning.AccountDeleted;
import io.mooring.events.provisioning.AccountFailed;
import io.mooring.events.provisioning.AccountMigrated;
import io.mooring.events.provisioning.AccountPlaced;
import io.mooring.events.provisioning.AccountPlanChanged;
import io.mooring.events.provisioning.AccountPurged;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.events.provisioning.AccountRequested;
import io.mooring.events.provisioning.AccountRestored;
import io.mooring.events.provisioning.AccountResumed;
import io.mooring.events.provisioning.AccountSuspended;
import io.mooring.events.provisioning.HostCordoned;
import io.mooring.events.provisioning.HostDrained;
import io.mooring.events.provisioning.HostRegistered;
import io.mooring.events.provisioning.HostRemoved;
import io.mooring.events.provisioning.HostUncordoned;
import io.mooring.events.provisioning.ResourceDeleted;
import io.mooring.events.provisioning.ResourceFailed;
import io.mooring.events.provisioning.ResourceReady;
import io.mooring.events.provisioning.ResourceRequested;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One line saying what happened, e.g. {@code account acme ready on host h-1}. Types without a
 * sentence of their own (newer than this service, or not worth one) read as their entity and verb:
 * {@code account teleported (acct-1)}. A line never carries personal data: the owner's e-mail is not
 * named, and any address a reason quotes is replaced ({@link PersonalData}).
 */
final class EventSummary {

    private EventSummary() {
    }

    /** Longer lines (a reason quoting a whole error) are cut; the full body stays searchable in {@code text}. */
    static final int MAX_LENGTH = 500;

    static String of(ReceivedEvent event) {
        String specific = event.data().map(EventSummary::describe).orElse(null);
        String line = PersonalData.scrub(specific != null ? specific : generic(event.type(), event.subject()))
                .replaceAll("\\s*\\R\\s*", " ").strip();
        if (line.length() <= MAX_LENGTH) {
            return line;
        }
        int end = Character.isHighSurrogate(line.charAt(MAX_LENGTH - 2)) ? MAX_LENGTH - 2 : MAX_LENGTH - 1;
        return line.substring(0, end) + "…";
    }

    static String describe(MooringEvent data) {
        String line = hosts(data);
        if (line == null) {
            line = accounts(data);
        }
        if (line == null) {
            line = backups(data);
        }
        if (line == null) {
            line = monitoring(data);
        }
        if (line == null) {
            line = commands(data);
        }
        return line;
    }

    /** {@code mooring.<area>.<entity>.<verb>.v<N>} reads as {@code <entity> <verb> (<subject>)}. */
    static String generic(String type, String subject) {
        String[] parts = type.split("\\.");
        if (parts.length == 5 && "mooring".equals(parts[0]) && parts[4].matches("v[0-9]+")) {
            return parts[2] + " " + parts[3].replace('-', ' ') + " (" + subject + ")";
        }
        return type + " (" + subject + ")";
    }

    private static String hosts(MooringEvent data) {
        return switch (data) {
            case HostRegistered h -> "host " + h.name() + " registered in " + h.datacenter() + " with " + h.cpuCores()
                    + " cores, " + h.memoryMb() + " MB memory, " + h.diskGb() + " GB disk";
            case HostCordoned h -> "host " + h.hostId() + " cordoned";
            case HostUncordoned h -> "host " + h.hostId() + " uncordoned";
            case HostDrained h -> "host " + h.hostId() + " drained";
            case HostRemoved h -> "host " + h.hostId() + " removed";
            default -> null;
        };
    }

    private static String accounts(MooringEvent data) {
        return switch (data) {
            // the owner's e-mail is personal data: it stays out of the timeline
            case AccountRequested a -> "account " + a.name() + " requested on plan " + a.plan();
            case AccountPlaced a -> "account " + a.accountId() + " placed on host " + a.hostId();
            case AccountReady a -> "account " + a.name() + " ready on host " + a.hostId();
            case AccountFailed a -> "account " + a.accountId() + " failed: " + a.reason();
            case AccountSuspended a -> "account " + a.accountId() + " suspended: " + a.reason();
            case AccountResumed a -> "account " + a.accountId() + " resumed";
            case AccountMigrated a -> "account " + a.accountId() + " migrated from host " + a.fromHostId() + " to host " + a.toHostId();
            case AccountPlanChanged a -> "account " + a.accountId() + " moved from plan " + a.fromPlan() + " to plan " + a.toPlan();
            case AccountDeleted a -> "account " + a.accountId() + " deleted, purged after " + a.purgeAfter();
            case AccountRestored a -> "account " + a.accountId() + " restored";
            case AccountPurged a -> "account " + a.accountId() + " purged";
            case ResourceRequested r -> r.kind() + " " + r.name() + " requested for account " + r.accountId();
            case ResourceReady r -> r.kind() + " " + r.name() + " ready for account " + r.accountId() + " at " + r.endpoint();
            case ResourceFailed r -> r.kind() + " " + r.resourceId() + " failed for account " + r.accountId() + ": " + r.reason();
            case ResourceDeleted r -> r.kind() + " " + r.resourceId() + " deleted from account " + r.accountId();
            default -> null;
        };
    }

    private static String backups(MooringEvent data) {
        return switch (data) {
            case BackupPolicyCreated p -> "backup policy " + p.policyId() + " created for " + p.target().kind() + " "
                    + p.target().name() + " of account " + p.accountId() + ", schedule '" + p.schedule() + "', kept "
                    + p.retentionDays() + " days";
            case BackupPolicyDeleted p -> "backup policy " + p.policyId() + " of account " + p.accountId() + " deleted";
            case BackupRunStarted r -> "backup run " + r.runId() + " of account " + r.accountId() + " started";
            case BackupRunSucceeded r -> "backup run " + r.runId() + " of account " + r.accountId() + " stored "
                    + r.artifactKey() + " (" + r.sizeBytes() + " bytes)";
            case BackupRunFailed r -> "backup run " + r.runId() + " of account " + r.accountId() + " failed: " + r.reason();
            case BackupVerified v -> "backup run " + v.runId() + (v.ok() ? " verified" : " failed verification");
            case RestoreCompleted r -> "restore of backup run " + r.runId() + " into account " + r.accountId() + " completed";
            case RestoreFailed r -> "restore of backup run " + r.runId() + " into account " + r.accountId() + " failed: " + r.reason();
            case RestoreStarted r -> "restore of backup run " + r.runId() + " of account " + r.accountId() + " into "
                    + r.targetName() + " started";
            case BackupPruned p -> "backup run " + p.runId() + " of account " + p.accountId() + " pruned (" + p.reason() + ")";
            default -> null;
        };
    }

    private static String monitoring(MooringEvent data) {
        return switch (data) {
            case MonitorCreated m -> m.kind() + " monitor " + m.name() + " created for " + m.target();
            case MonitorDeleted m -> "monitor " + m.monitorId() + " deleted";
            case MonitorUpdated m -> "monitor " + m.name() + " updated: " + m.target()
                    + " every " + m.intervalSeconds() + " s";
            case MonitorStateChanged m -> "monitor " + m.monitorId() + " went from " + m.from() + " to " + m.to() + ": " + m.reason();
            case IncidentOpened i -> i.severity() + " incident " + i.incidentId() + " opened on monitor " + i.monitorId()
                    + ": " + i.title();
            case IncidentResolved i -> "incident " + i.incidentId() + " on monitor " + i.monitorId() + " resolved after "
                    + duration(i.durationSeconds());
            case IncidentReminded i -> "incident " + i.incidentId() + " on monitor " + i.monitorId() + " still open after " + duration(i.openSeconds());
            case IncidentUpdated i -> "incident " + i.incidentId() + " on monitor " + i.monitorId() + " updated ("
                    + i.kind() + "): " + i.message();
            case HeartbeatMissed h -> "heartbeat of monitor " + h.monitorId() + " missed, "
                    + (h.lastSeen() == null ? "never seen" : "last seen " + h.lastSeen());
            default -> null;
        };
    }

    private static String commands(MooringEvent data) {
        return switch (data) {
            case CommandIssued c -> c.issuedBy() + " issued " + c.command() + " on " + c.target() + " in " + c.channel()
                    + arguments(c.arguments());
            case AccountCommandRejected r -> refused(r.command(), r.target(), r.reason());
            case BackupCommandRejected r -> refused(r.command(), r.target(), r.reason());
            case MonitorCommandRejected r -> refused(r.command(), r.target(), r.reason());
            case StatusReported r -> "status reported: " + r.overall() + ", " + r.up() + " up, " + r.degraded()
                    + " degraded, " + r.down() + " down, " + r.paused() + " paused, " + r.openIncidentCount()
                    + " open incident(s)";
            default -> null;
        };
    }

    private static String refused(String command, String target, String reason) {
        return "command " + command + " on " + target + " refused: " + reason;
    }

    private static String arguments(Map<String, String> arguments) {
        if (arguments.isEmpty()) {
            return "";
        }
        return " with " + new TreeMap<>(arguments).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    /** {@code 3725} reads {@code 1h 2m 5s}. */
    static String duration(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        StringBuilder text = new StringBuilder();
        if (d.toDays() > 0) {
            text.append(d.toDays()).append("d ");
        }
        if (d.toHoursPart() > 0) {
            text.append(d.toHoursPart()).append("h ");
        }
        if (d.toMinutesPart() > 0) {
            text.append(d.toMinutesPart()).append("m ");
        }
        if (d.toSecondsPart() > 0 || text.isEmpty()) {
            text.append(d.toSecondsPart()).append('s');
        }
        return text.toString().trim();
    }
}
