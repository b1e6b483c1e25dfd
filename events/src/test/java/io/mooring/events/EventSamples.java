package io.mooring.events;

import io.mooring.events.backups.BackupPolicyCreated;
import io.mooring.events.backups.BackupPruned;
import io.mooring.events.backups.RestoreStarted;
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
import io.mooring.events.provisioning.AccountCommandRejected;
import io.mooring.events.backups.BackupCommandRejected;
import io.mooring.events.chatops.CommandIssued;
import io.mooring.events.monitoring.MonitorCommandRejected;
import io.mooring.events.monitoring.StatusReported;
import io.mooring.events.content.AuthorUpdated;
import io.mooring.events.content.InteractionAdded;
import io.mooring.events.content.InteractionRemoved;
import io.mooring.events.content.StatusCreated;
import io.mooring.events.content.StatusDeleted;
import io.mooring.events.content.StatusUpdated;
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
import io.mooring.events.monitoring.MonitorCreated;
import io.mooring.events.monitoring.MonitorDeleted;
import io.mooring.events.monitoring.MonitorUpdated;
import io.mooring.events.monitoring.MonitorStateChanged;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** One realistic instance of every event record, for contract tests. */
public final class EventSamples {

    static final String HOST = "host-par1-07";
    static final String ACCOUNT = "acct-0193b2c4";
    static final String POLICY = "bpol-0193b2c9";
    static final String RUN = "brun-0193d1a0";
    /** The recipient of the age README's example. */
    static final String AGE_RECIPIENT = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p";
    static final String MONITOR = "mon-0193b2d1";
    static final String STATUS = "113482930221770421";

    private static final Map<Class<? extends MooringEvent>, MooringEvent> SAMPLES = index(
            new HostRegistered(HOST, "par1-07.hosts.example.net", "par1", 8, 32_768, 1_000,
                    Map.of("disk", "ssd", "rack", "b4")),
            new HostCordoned(HOST),
            new HostUncordoned(HOST),
            new HostDrained(HOST),
            new HostRemoved(HOST),
            new AccountRequested(ACCOUNT, "soc-ialis", "small", "tech@soc.ialis.me"),
            new AccountPlaced(ACCOUNT, HOST),
            new AccountReady(ACCOUNT, "soc-ialis", HOST, "small", "tech@soc.ialis.me"),
            new AccountFailed(ACCOUNT, "no host in par1 has 4 GiB of memory left"),
            new AccountSuspended(ACCOUNT, "invoice 2025-05 unpaid after 30 days"),
            new AccountResumed(ACCOUNT),
            new AccountMigrated(ACCOUNT, HOST, "host-par1-09"),
            new AccountPlanChanged(ACCOUNT, "small", "medium"),
            new AccountDeleted(ACCOUNT, OffsetDateTime.parse("2025-07-01T00:00:00Z")),
            new AccountRestored(ACCOUNT),
            new AccountPurged(ACCOUNT),
            new ResourceRequested(ACCOUNT, "res-pg-01", "postgres-database", "mastodon_production"),
            new ResourceReady(ACCOUNT, "res-pg-01", "postgres-database", "mastodon_production",
                    "postgres://db-2.par1.example.net:5432/mastodon_production?sslmode=verify-full"),
            new ResourceFailed(ACCOUNT, "res-redis-01", "redis-namespace", "redis-1.par1 refused the ACL update"),
            new ResourceDeleted(ACCOUNT, "res-bucket-01", "bucket"),
            new BackupPolicyCreated(POLICY, ACCOUNT, new BackupTarget("postgres-database", "mastodon_production"),
                    "0 3 * * *", 14, "Europe/Berlin", new BackupRetention(null, 7, 4, 6, "P14D"), "default", 3,
                    List.of(AGE_RECIPIENT), "ACTIVE"),
            new BackupPolicyDeleted(POLICY, ACCOUNT),
            new BackupPolicyUpdated(POLICY, ACCOUNT, new BackupTarget("postgres-database", "mastodon_production"),
                    "30 2 * * *", 14, "Europe/Berlin", BackupRetention.withinDays(14), "offsite", 9, List.of(AGE_RECIPIENT),
                    "STOPPED", OffsetDateTime.parse("2025-07-01T03:00:00Z")),
            new BackupPolicyPaused(POLICY, ACCOUNT, "account suspended"),
            new BackupPolicyResumed(POLICY, ACCOUNT, "account resumed"),
            new BackupRunStarted(POLICY, RUN, ACCOUNT, "schedule"),
            new BackupRunSucceeded(POLICY, RUN, ACCOUNT, "acct-0193b2c4/mastodon_production/2025-06-01T030000Z.dump.zst.age",
                    734_003_200L, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                    List.of("acct-0193b2c4/mastodon_production/2025-06-01T030000Z.dump.zst.age"), 2_147_483_648L, 412L,
                    "schedule"),
            new BackupRunFailed(POLICY, RUN, ACCOUNT, "pg_dump exited with 1: server version mismatch", "permanent", 3L,
                    "manual"),
            new BackupVerified(POLICY, RUN, false, ACCOUNT, "table statuses has 1204 rows, the manifest says 1205"),
            new BackupPruned(POLICY, RUN, ACCOUNT, List.of("acct-0193b2c4/mastodon_production/2025-05-01T030000Z.dump.zst.age"),
                    "retention"),
            new RestoreStarted(POLICY, RUN, ACCOUNT, "rst-0193e7a1", "mastodon_production_restored", false),
            new RestoreCompleted(POLICY, RUN, ACCOUNT, "rst-0193e7a1", "mastodon_production_restored", 95L),
            new RestoreFailed(POLICY, RUN, ACCOUNT, "artifact checksum does not match", "rst-0193e7a1"),
            new MonitorCreated(MONITOR, ACCOUNT, "soc.ialis.me web", "http", "https://soc.ialis.me/health"),
            new MonitorDeleted(MONITOR),
            new MonitorUpdated(MONITOR, ACCOUNT, "soc.ialis.me web", "https://soc.ialis.me/health", 30),
            new MonitorStateChanged(MONITOR, "UP", "DOWN", "HTTP 503 from https://soc.ialis.me/health"),
            new IncidentOpened(MONITOR, "inc-0193d2f0", "soc.ialis.me is down", "major"),
            new IncidentResolved(MONITOR, "inc-0193d2f0", 1_260),
            new IncidentReminded(MONITOR, "inc-0193d2f0", "soc.ialis.me is down", 3_600, null),
            new IncidentUpdated(MONITOR, "inc-0193d2f0", "soc.ialis.me is down", "also-down", "also down: shop site",
                    OffsetDateTime.parse("2025-06-01T03:04:10Z"), 250, "acct-42"),
            new HeartbeatMissed(MONITOR, OffsetDateTime.parse("2025-06-01T03:04:10+02:00")),
            new MonitorPaused(MONITOR, "paused from chat by alice until 2025-06-01T05:00:00Z", "operator",
                    OffsetDateTime.parse("2025-06-01T05:00:00Z"), ACCOUNT, "cmd-0193e1"),
            new MonitorResumed(MONITOR, "resumed by an operator", ACCOUNT, null),
            new CertificateExpiring(MONITOR, "soc.ialis.me:443", 9, "2025-06-10", 14, ACCOUNT),
            new MaintenanceStarted("mw-0193f0", "Postgres upgrade", OffsetDateTime.parse("2025-06-01T22:00:00Z"),
                    OffsetDateTime.parse("2025-06-01T23:00:00Z"), List.of(MONITOR)),
            new MaintenanceEnded("mw-0193f0", "Postgres upgrade", OffsetDateTime.parse("2025-06-01T22:00:00Z"),
                    OffsetDateTime.parse("2025-06-01T23:00:00Z"), List.of(MONITOR)),
            new StatusCreated(STATUS, "109876543210", "tech", "<p>Maintenance tonight at 23:00 UTC, <span class=\"h-card\">@href</span> is on call. #ops</p>",
                    "en", "public", List.of("href"), List.of("ops"), OffsetDateTime.parse("2025-06-01T18:30:05.123Z"),
                    "https://soc.ialis.me/@tech/113482930221770421", "soc.ialis.me", 1748802605123L, true,
                    "113482930221770400", "109876543211", null),
            new StatusUpdated(STATUS, "109876543210", "tech", "<p>Maintenance moved to 23:30 UTC. #ops</p>",
                    "en", "unlisted", List.of(), List.of("ops", "maintenance"), OffsetDateTime.parse("2025-06-01T18:30:05.123Z"),
                    "https://soc.ialis.me/@tech/113482930221770421", "soc.ialis.me", 1748806205000L, false, null, null,
                    "113482930221770300"),
            new StatusDeleted(STATUS, "109876543210", "soc.ialis.me", 1748809805000L),
            new InteractionAdded(STATUS, "109876543211", "favourite", "soc.ialis.me", 1748803000000L),
            new InteractionRemoved(STATUS, "109876543211", "favourite", null, null),
            new AuthorUpdated("109876543210", "tech", false, "soc.ialis.me", 1748810000000L),
            new CommandIssued("cmd-0193e001", "account.suspend", ACCOUNT, Map.of("reason", "abuse report #412"),
                    "href", "#ops"),
            new AccountCommandRejected("cmd-0193e002", "account.resume", ACCOUNT, "the account is not suspended"),
            new BackupCommandRejected("cmd-0193e003", "backup.run", ACCOUNT, "the account has no active backup policy"),
            new MonitorCommandRejected("cmd-0193e004", "monitor.pause", "web", "no monitor is named web"),
            new StatusReported("cmd-0193e005", "platform", "DOWN", 41, 1, 1, 2,
                    List.of("soc.ialis.me is down"), 1)
    );

    private EventSamples() {
    }

    /** The sample of a catalogued type; fails the calling test when there is none. */
    public static MooringEvent of(EventCatalog.Entry entry) {
        MooringEvent sample = SAMPLES.get(entry.recordClass());
        if (sample == null) {
            throw new AssertionError("no sample for " + entry.type() + " (" + entry.recordClass().getName()
                    + "): add one to EventSamples");
        }
        return sample;
    }

    public static Stream<MooringEvent> all() {
        return SAMPLES.values().stream();
    }

    private static Map<Class<? extends MooringEvent>, MooringEvent> index(MooringEvent... samples) {
        Map<Class<? extends MooringEvent>, MooringEvent> byClass = new LinkedHashMap<>();
        for (MooringEvent sample : samples) {
            if (byClass.put(sample.getClass(), sample) != null) {
                throw new IllegalStateException("two samples of " + sample.getClass());
            }
        }
        return byClass;
    }
}
