package io.mooring.chatops.message;

import io.mooring.events.MooringEvent;
import io.mooring.events.backups.BackupCommandRejected;
import io.mooring.events.backups.BackupPolicyCreated;
import io.mooring.events.backups.BackupPolicyDeleted;
import io.mooring.events.backups.BackupPolicyPaused;
import io.mooring.events.backups.BackupPolicyResumed;
import io.mooring.events.backups.BackupPolicyUpdated;
import io.mooring.events.backups.BackupRetention;
import io.mooring.events.backups.BackupRunFailed;
import io.mooring.events.backups.BackupRunStarted;
import io.mooring.events.backups.BackupRunSucceeded;
import io.mooring.events.backups.BackupTarget;
import io.mooring.events.backups.BackupVerified;
import io.mooring.events.backups.RestoreCompleted;
import io.mooring.events.backups.RestoreFailed;
import io.mooring.events.backups.RestoreStarted;
import io.mooring.events.backups.BackupPruned;
import io.mooring.events.monitoring.CertificateExpiring;
import io.mooring.events.monitoring.HeartbeatMissed;
import io.mooring.events.monitoring.MaintenanceEnded;
import io.mooring.events.monitoring.MaintenanceStarted;
import io.mooring.events.monitoring.MonitorPaused;
import io.mooring.events.monitoring.MonitorResumed;
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

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** One instance of every event the relay consumes, with the message it should become. */
final class SampleEvents {

    record Sample(MooringEvent event, String message) {
    }

    static final List<Sample> ALL = List.of(
            new Sample(new HostRegistered("h-1", "web-1", "par1", 8, 32_768, 500, Map.of()),
                    "🖥️ Host web-1 registered in par1 (8 cores, 32768 MB RAM, 500 GB disk)"),
            new Sample(new HostCordoned("h-1"), "🚧 Host h-1 cordoned: no new accounts are placed on it"),
            new Sample(new HostUncordoned("h-1"), "🟢 Host h-1 uncordoned: it takes new accounts again"),
            new Sample(new HostDrained("h-1"), "📤 Host h-1 drained: no account is left on it"),
            new Sample(new HostRemoved("h-1"), "👋 Host h-1 removed from the pool"),
            new Sample(new AccountRequested("a-1", "acme", "small", null), "📝 Account acme requested (plan small)"),
            new Sample(new AccountPlaced("a-1", "h-1"), "📍 Account a-1 placed on host h-1"),
            new Sample(new AccountReady("a-1", "acme", "h-1", "small", "ops@acme.example"),
                    "✅ Account acme is ready on host h-1 (plan small)"),
            new Sample(new AccountFailed("a-1", "no capacity"), "❌ Account a-1 failed: no capacity"),
            new Sample(new AccountSuspended("a-1", "unpaid"), "⏸️ Account a-1 suspended: unpaid"),
            new Sample(new AccountResumed("a-1"), "▶️ Account a-1 resumed"),
            new Sample(new AccountMigrated("a-1", "h-1", "h-2"), "🚚 Account a-1 moved from host h-1 to host h-2"),
            new Sample(new AccountPlanChanged("a-1", "small", "large"), "🔁 Account a-1 changed plan from small to large"),
            new Sample(new AccountDeleted("a-1", OffsetDateTime.parse("2026-12-01T10:15:30+02:00")),
                    "🗑️ Account a-1 deleted; it can be restored until 2026-12-01 08:15 UTC"),
            new Sample(new AccountRestored("a-1"), "♻️ Account a-1 restored"),
            new Sample(new AccountPurged("a-1"), "🔥 Account a-1 purged: its data is gone for good"),
            new Sample(new ResourceRequested("a-1", "r-1", "postgres-database", "main"),
                    "📝 Postgres database main requested for account a-1"),
            new Sample(new ResourceReady("a-1", "r-1", "bucket", "media", "https://s3.example.net/media"),
                    "✅ Bucket media of account a-1 is ready at https://s3.example.net/media"),
            new Sample(new ResourceFailed("a-1", "r-2", "redis-namespace", "ACL update refused"),
                    "❌ Redis namespace r-2 of account a-1 failed: ACL update refused"),
            new Sample(new ResourceDeleted("a-1", "r-3", "site"), "🗑️ Site r-3 of account a-1 deleted"),
            new Sample(new BackupPolicyCreated("p-1", "a-1", new BackupTarget("postgres-database", "main"), "0 3 * * *", 14),
                    "🗓️ Backup policy p-1 created for Postgres database main of account a-1: 0 3 * * * (UTC), kept 14 days"),
            new Sample(new BackupPolicyDeleted("p-1", "a-1"), "🗑️ Backup policy p-1 of account a-1 deleted"),
            new Sample(new BackupPolicyUpdated("p-1", "a-1", new BackupTarget("postgres-database", "main"), "30 2 * * *", 14,
                    "Europe/Berlin", BackupRetention.withinDays(14), "default", 3, List.of(), "STOPPED",
                    OffsetDateTime.parse("2025-07-01T03:00:00Z")),
                    "✏️ Backup policy p-1 of account a-1 updated: 30 2 * * * (Europe/Berlin), stopped, artifacts kept until 2025-07-01T03:00Z"),
            new Sample(new BackupPolicyPaused("p-1", "a-1", "account suspended"),
                    "⏸️ Backup policy p-1 of account a-1 paused: account suspended"),
            new Sample(new BackupPolicyResumed("p-1", "a-1", "resumed by an operator"),
                    "▶️ Backup policy p-1 of account a-1 resumed: resumed by an operator"),
            new Sample(new BackupRunStarted("p-1", "r-9", "a-1"), "⏳ Backup run r-9 of account a-1 started (policy p-1)"),
            new Sample(new BackupRunSucceeded("p-1", "r-9", "a-1", "a-1/main/r-9.dump.zst", 1_572_864, "0".repeat(64)),
                    "💾 Backup run r-9 of account a-1 succeeded: 1.5 MiB stored as a-1/main/r-9.dump.zst"),
            new Sample(new BackupRunFailed("p-1", "r-9", "a-1", "pg_dump exited with 1"),
                    "❌ Backup run r-9 of account a-1 failed: pg_dump exited with 1"),
            new Sample(new BackupVerified("p-1", "r-9", true), "✅ Backup run r-9 verified (policy p-1)"),
            new Sample(new RestoreCompleted("p-1", "r-9", "a-1"), "✅ Backup run r-9 restored into account a-1"),
            new Sample(new RestoreStarted("p-1", "r-9", "a-1", "rst-1", "main_restored", false),
                    "⏳ Restoring backup run r-9 of account a-1 into main_restored"),
            new Sample(new BackupPruned("p-1", "r-9", "a-1", java.util.List.of("a-1/p-1/r-9/x"), "retention"),
                    "🧹 Backup run r-9 of account a-1 pruned (retention)"),
            new Sample(new RestoreFailed("p-1", "r-9", "a-1", "disk full"),
                    "❌ Restoring backup run r-9 into account a-1 failed: disk full"),
            new Sample(new MonitorCreated("m-1", "a-1", "acme web", "http", "https://acme.example/health"),
                    "👀 Monitor acme web (http) now watches https://acme.example/health for account a-1"),
            new Sample(new MonitorDeleted("m-1"), "🗑️ Monitor m-1 deleted"),
            new Sample(new MonitorUpdated("m-1", "a-1", "acme web", "https://acme.example/health", 30),
                    "✏️ Monitor acme web now watches https://acme.example/health every 30 s"),
            new Sample(new MonitorStateChanged("m-1", "UP", "DOWN", "HTTP 503 from https://acme.example/health"),
                    "🔴 Monitor m-1 is DOWN (was UP): HTTP 503 from https://acme.example/health"),
            new Sample(new IncidentOpened("m-1", "i-1", "acme web is down", "critical"),
                    "🚨 Critical incident i-1 opened on monitor m-1: acme web is down"),
            new Sample(new IncidentResolved("m-1", "i-1", 3_723), "✅ Incident i-1 on monitor m-1 resolved after 1h 2m 3s"),
            new Sample(new IncidentReminded("m-1", "i-1", "acme web is down", 3_600, null),
                    "⏰ Incident i-1 on monitor m-1 still open after 1h: acme web is down"),
            new Sample(new IncidentUpdated("m-1", "i-1", "acme web is down", "also-down", "also down: acme shop",
                    OffsetDateTime.parse("2025-06-01T03:10:00Z"), 600, null),
                    "📝 Incident i-1 on monitor m-1 (acme web is down): also down: acme shop"),
            new Sample(new HeartbeatMissed("m-2", null), "💔 Heartbeat monitor m-2 missed its check-in (it never checked in)"),
            new Sample(new MonitorPaused("m-1", "paused by an operator", "operator", null, null, null),
                    "⏸️ Monitor m-1 paused: paused by an operator"),
            new Sample(new MonitorResumed("m-1", "pause ended", null, null), "▶️ Monitor m-1 resumed: pause ended"),
            new Sample(new CertificateExpiring("m-1", "soc.ialis.me:443", 9, "2025-06-10", 14, null),
                    "📜 Certificate of soc.ialis.me:443 (monitor m-1) expires in 9 day(s), on 2025-06-10"),
            new Sample(new MaintenanceStarted("w-1", "Postgres upgrade", OffsetDateTime.parse("2025-06-01T22:00:00Z"),
                    OffsetDateTime.parse("2025-06-01T23:00:00Z"), List.of("m-1")),
                    "🛠️ Maintenance Postgres upgrade started, until " + HumanFormat.time(OffsetDateTime.parse("2025-06-01T23:00:00Z"))
                            + " (1 monitor(s))"),
            new Sample(new MaintenanceEnded("w-1", "Postgres upgrade", OffsetDateTime.parse("2025-06-01T22:00:00Z"),
                    OffsetDateTime.parse("2025-06-01T23:00:00Z"), List.of("m-1")), "🏁 Maintenance Postgres upgrade ended"),
            new Sample(new AccountCommandRejected("c-1", "account.resume", "a-1", "the account is not suspended"),
                    "🙅 Command account.resume a-1 refused: the account is not suspended"),
            new Sample(new BackupCommandRejected("c-2", "backup.run", "a-1", "the account has no active backup policy"),
                    "🙅 Command backup.run a-1 refused: the account has no active backup policy"),
            new Sample(new MonitorCommandRejected("c-3", "monitor.pause", "web", "no monitor is named web"),
                    "🙅 Command monitor.pause web refused: no monitor is named web"),
            new Sample(new StatusReported("c-4", "platform", "DOWN", 41, 1, 1, 2, List.of("acme web is down"), 3),
                    "🔴 Platform status DOWN: 41 up, 1 degraded, 1 down, 2 paused; 3 open incident(s): acme web is down; …")
    );

    private SampleEvents() {
    }
}
