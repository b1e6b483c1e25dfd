package io.mooring.testing;

import io.mooring.events.EventCatalog;
import io.mooring.events.EventCodec;
import io.mooring.events.EventEnvelope;
import io.mooring.events.MooringEvent;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.WireValue;
import io.mooring.events.backups.BackupPolicyCreated;
import io.mooring.events.backups.BackupPruned;
import io.mooring.events.backups.RestoreStarted;
import io.mooring.events.backups.BackupPolicyDeleted;
import io.mooring.events.backups.BackupPolicyPaused;
import io.mooring.events.backups.BackupPolicyResumed;
import io.mooring.events.backups.BackupPolicyState;
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
import io.mooring.events.content.StatusCreated;
import io.mooring.events.content.AuthorUpdated;
import io.mooring.events.content.InteractionAdded;
import io.mooring.events.content.InteractionKind;
import io.mooring.events.content.InteractionRemoved;
import io.mooring.events.content.StatusDeleted;
import io.mooring.events.content.StatusUpdated;
import io.mooring.events.content.Visibility;
import io.mooring.events.monitoring.CertificateExpiring;
import io.mooring.events.monitoring.HeartbeatMissed;
import io.mooring.events.monitoring.MaintenanceEnded;
import io.mooring.events.monitoring.MaintenanceStarted;
import io.mooring.events.monitoring.MonitorPaused;
import io.mooring.events.monitoring.MonitorResumed;
import io.mooring.events.monitoring.IncidentOpened;
import io.mooring.events.monitoring.IncidentReminded;
import io.mooring.events.monitoring.IncidentResolved;
import io.mooring.events.monitoring.IncidentSeverity;
import io.mooring.events.monitoring.IncidentUpdateKind;
import io.mooring.events.monitoring.IncidentUpdated;
import io.mooring.events.monitoring.MonitorCreated;
import io.mooring.events.monitoring.MonitorDeleted;
import io.mooring.events.monitoring.MonitorUpdated;
import io.mooring.events.monitoring.MonitorKind;
import io.mooring.events.monitoring.MonitorState;
import io.mooring.events.monitoring.MonitorStateChanged;
import io.mooring.events.monitoring.StatusReported;
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
import io.mooring.events.provisioning.ResourceKind;
import io.mooring.events.provisioning.ResourceReady;
import io.mooring.events.provisioning.ResourceRequested;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Every event type of {@link EventCatalog}, with every value the contract allows for its
 * enum-like fields (resource kinds, backup target kinds, monitor kinds and states, severities,
 * visibilities) and with its nullable fields both set and null. Consumers' tests feed all of them
 * to their handlers: a value the contract allows must never stall a consumer.
 */
public final class ContractSamples {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T03:00:12Z"), ZoneOffset.UTC);
    private static final String HOST = "host-par1-07";
    private static final String POLICY = "bpol-0193b2c9";
    /** An age X25519 recipient (the example of the age README). */
    public static final String AGE_RECIPIENT = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p";
    private static final String RUN = "brun-0193d1a0";
    private static final String MONITOR = "mon-0193b2d1";
    private static final String STATUS = "113482930221770421";

    private ContractSamples() {
    }

    /** Every sample, for an account with the given id (services that key on UUIDs pass one). */
    public static List<MooringEvent> all(String account) {
        List<MooringEvent> samples = new ArrayList<>();
        samples.add(new HostRegistered(HOST, "par1-07.hosts.example.net", "par1", 8, 32_768, 1_000, Map.of("disk", "ssd")));
        samples.add(new HostCordoned(HOST));
        samples.add(new HostUncordoned(HOST));
        samples.add(new HostDrained(HOST));
        samples.add(new HostRemoved(HOST));
        for (String email : new String[] {"tech@soc.ialis.me", null}) {
            samples.add(new AccountRequested(account, "soc-ialis", "small", email));
            samples.add(new AccountReady(account, "soc-ialis", HOST, "small", email));
        }
        samples.add(new AccountPlaced(account, HOST));
        samples.add(new AccountFailed(account, "no host in par1 has 4 GiB of memory left"));
        samples.add(new AccountSuspended(account, "invoice 2025-05 unpaid after 30 days"));
        samples.add(new AccountResumed(account));
        samples.add(new AccountSuspended(account, "suspended from chat by href in #ops", "cmd-1"));
        samples.add(new AccountResumed(account, "cmd-2"));
        samples.add(new AccountCommandRejected("cmd-2", "account.resume", account, "the account is not suspended"));
        samples.add(new AccountCommandRejected("cmd-4", "account.suspend", "not-an-account", "no account not-an-account"));
        samples.add(new AccountMigrated(account, HOST, "host-par1-09"));
        samples.add(new AccountPlanChanged(account, "small", "medium"));
        samples.add(new AccountDeleted(account, OffsetDateTime.parse("2025-07-01T00:00:00Z")));
        samples.add(new AccountRestored(account));
        samples.add(new AccountPurged(account));
        for (ResourceKind kind : ResourceKind.values()) {
            String wire = kind.wireName();
            samples.add(new ResourceRequested(account, "res-" + wire, wire, "main"));
            samples.add(new ResourceReady(account, "res-" + wire, wire, "main", "postgres://db-2.par1.example.net:5432/main"));
            samples.add(new ResourceFailed(account, "res-" + wire, wire, "the server refused the change"));
            samples.add(new ResourceDeleted(account, "res-" + wire, wire));
        }
        for (String kind : backupTargetKinds()) {
            samples.add(new BackupPolicyCreated(POLICY, account, new BackupTarget(kind, BackupTarget.ACCOUNT.equals(kind)
                    ? "soc-ialis" : "main"), "0 3 * * *", 14));
        }
        samples.add(new BackupPolicyCreated(POLICY, account, new BackupTarget("redis-namespace", account), "0 3 * * *", 14,
                "Europe/Berlin", new BackupRetention(3, 7, 4, 12, "P14D"), "default", 22, List.of(AGE_RECIPIENT), "ACTIVE"));
        samples.add(new BackupPolicyDeleted(POLICY, account));
        for (BackupPolicyState state : BackupPolicyState.values()) {
            samples.add(new BackupPolicyUpdated(POLICY, account, new BackupTarget("bucket", "acct-0193b2c9-media"),
                    "0 */4 * * *", 14, "UTC", BackupRetention.withinDays(14), "default", 1, List.of(), state.wireName(),
                    state == BackupPolicyState.STOPPED ? OffsetDateTime.parse("2025-07-01T03:00:00Z") : null));
        }
        samples.add(new BackupPolicyUpdated(POLICY, account, new BackupTarget(BackupTarget.ACCOUNT, "soc-ialis"),
                "0 3 * * *", 30, "Europe/Berlin", new BackupRetention(5, null, null, null, null), "offsite", 3,
                List.of(AGE_RECIPIENT), "ACTIVE", null));
        samples.add(new BackupPolicyPaused(POLICY, account, "paused by an operator"));
        samples.add(new BackupPolicyPaused(POLICY, account, "account suspended"));
        samples.add(new BackupPolicyResumed(POLICY, account, "resumed by an operator"));
        samples.add(new BackupPolicyResumed(POLICY, account, "account resumed"));
        samples.add(new BackupRunStarted(POLICY, RUN, account));
        samples.add(new BackupRunSucceeded(POLICY, RUN, account, account + "/main/2025-06-01T030000Z.dump.zst.age",
                734_003_200L, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
        samples.add(new BackupRunFailed(POLICY, RUN, account, "pg_dump exited with 1: server version mismatch"));
        samples.add(new BackupVerified(POLICY, RUN, true));
        samples.add(new BackupVerified(POLICY, RUN, false));
        samples.add(new RestoreCompleted(POLICY, RUN, account));
        samples.add(new RestoreFailed(POLICY, RUN, account, "artifact checksum does not match"));
        for (String trigger : new String[] {"schedule", "manual", "chat"}) {
            samples.add(new BackupRunStarted(POLICY, RUN, account, trigger));
        }
        samples.add(new BackupRunStarted(POLICY, RUN, account, "chat", "cmd-3"));
        samples.add(new BackupCommandRejected("cmd-3", "backup.run", account, "the account has no active backup policy"));
        samples.add(new BackupRunSucceeded(POLICY, RUN, account, account + "/main/2025-06-01T030000Z.dump.zst.age",
                734_003_200L, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                List.of(account + "/main/2025-06-01T030000Z.dump.zst.age", account + "/redis/2025-06-01T030000Z.resp.zst.age"),
                2_147_483_648L, 412L, "schedule"));
        for (String failure : new String[] {"transient", "permanent", "timeout", "interrupted"}) {
            samples.add(new BackupRunFailed(POLICY, RUN, account, "the S3 endpoint did not answer", failure, 31L, "manual"));
        }
        samples.add(new BackupVerified(POLICY, RUN, false, account, "table statuses has 1204 rows, the manifest says 1205"));
        samples.add(new BackupVerified(POLICY, RUN, true, account, null));
        samples.add(new BackupPruned(POLICY, RUN, account, List.of(account + "/main/2025-05-01T030000Z.dump.zst.age"), "retention"));
        samples.add(new BackupPruned(POLICY, RUN, account, List.of(), "policy-stopped"));
        samples.add(new RestoreStarted(POLICY, RUN, account, "rst-1", "main_restored", false));
        samples.add(new RestoreStarted(POLICY, RUN, account, "rst-1", "main", true));
        samples.add(new RestoreCompleted(POLICY, RUN, account, "rst-1", "main_restored", 95L));
        samples.add(new RestoreFailed(POLICY, RUN, account, "the target database exists", "rst-1"));
        for (String owner : new String[] {account, null}) {
            samples.add(new MonitorCreated(MONITOR, owner, "web", MonitorKind.HTTP.wireName(), "https://soc.ialis.me/health"));
            samples.add(new MonitorCreated(MONITOR, owner, "db", MonitorKind.TCP.wireName(), "db-2.par1.example.net:5432"));
            samples.add(new MonitorCreated(MONITOR, owner, "soc-ialis-backup", MonitorKind.HEARTBEAT.wireName(), "nightly backup"));
            samples.add(new MonitorCreated(MONITOR, owner, "cert", MonitorKind.TLS.wireName(), "soc.ialis.me:443"));
            samples.add(new MonitorCreated(MONITOR, owner, "pg", MonitorKind.POSTGRES.wireName(), "db-2.par1.example.net:5432"));
            samples.add(new MonitorCreated(MONITOR, owner, "redis", MonitorKind.REDIS.wireName(), "redis-1.par1.example.net:6380"));
            samples.add(new MonitorCreated(MONITOR, owner, "dns", MonitorKind.DNS.wireName(), "soc.ialis.me"));
            samples.add(new MonitorCreated(MONITOR, owner, "kafka", MonitorKind.KAFKA.wireName(), "kafka-1.par1.example.net:9093,kafka-2.par1.example.net:9093"));
            samples.add(new MonitorUpdated(MONITOR, owner, "web", "https://soc.ialis.me/health", 30));
        }
        samples.add(new MonitorDeleted(MONITOR));
        for (MonitorState from : MonitorState.values()) {
            for (MonitorState to : MonitorState.values()) {
                if (from != to) {
                    samples.add(new MonitorStateChanged(MONITOR, from.wireName(), to.wireName(), "checked at 03:00"));
                }
            }
        }
        for (IncidentSeverity severity : IncidentSeverity.values()) {
            samples.add(new IncidentOpened(MONITOR, "inc-" + severity.wireName(), "soc.ialis.me is down", severity.wireName()));
        }
        samples.add(new MonitorStateChanged(MONITOR, "UP", "PAUSED", "paused from chat by href in #ops", account, "cmd-5"));
        samples.add(new MonitorStateChanged(MONITOR, "PAUSED", "UNKNOWN", "resumed from chat by href in #ops", null, "cmd-6"));
        samples.add(new MonitorCommandRejected("cmd-5", "monitor.pause", "web", "no monitor is named web"));
        for (String overall : new String[] {"UP", "DEGRADED", "DOWN"}) {
            samples.add(new StatusReported("cmd-7", "platform", overall, 41, 1, 1, 2, List.of("soc.ialis.me is down"), 25));
        }
        samples.add(new StatusReported("cmd-8", "platform", "UP", 0, 0, 0, 0, List.of(), 0));
        samples.add(new IncidentResolved(MONITOR, "inc-major", 1_260));
        samples.add(new IncidentReminded(MONITOR, "inc-major", "soc.ialis.me is down", 3_600, null));
        samples.add(new IncidentReminded(MONITOR, "inc-major", "shop is down", 7_200, "acct-42"));
        for (IncidentUpdateKind kind : IncidentUpdateKind.values()) {
            samples.add(new IncidentUpdated(MONITOR, "inc-major", "soc.ialis.me is down", kind.wireName(),
                    kind.wireName() + ": checked at 03:00", OffsetDateTime.parse("2025-06-01T03:00:00Z"), 120, null));
        }
        samples.add(new IncidentUpdated(MONITOR, "inc-major", "shop is down", "also-down", "also down: shop database",
                OffsetDateTime.parse("2025-06-01T03:04:10+02:00"), 0, "acct-42"));
        samples.add(new HeartbeatMissed(MONITOR, OffsetDateTime.parse("2025-06-01T03:04:10+02:00")));
        samples.add(new HeartbeatMissed(MONITOR, null));
        samples.add(new MonitorPaused(MONITOR, "paused by an operator", "operator", null, null, null));
        samples.add(new MonitorResumed(MONITOR, "pause ended", null, null));
        samples.add(new CertificateExpiring(MONITOR, "soc.ialis.me:443", 0, "2025-06-01", 14, null));
        samples.add(new MaintenanceStarted("mw-1", "Postgres upgrade", OffsetDateTime.parse("2025-06-01T22:00:00Z"),
                OffsetDateTime.parse("2025-06-01T23:00:00Z"), List.of(MONITOR)));
        samples.add(new MaintenanceEnded("mw-1", "Postgres upgrade", OffsetDateTime.parse("2025-06-01T22:00:00Z"),
                OffsetDateTime.parse("2025-06-01T23:00:00Z"), List.of()));
        for (Visibility visibility : Visibility.values()) {
            for (String url : new String[] {"https://soc.ialis.me/@tech/" + STATUS, null}) {
                samples.add(new StatusCreated(STATUS, "109876543210", "tech", "<p>Maintenance at 23:00 UTC #ops</p>",
                        url == null ? null : "en", visibility.wireName(), List.of("href"), List.of("ops"),
                        OffsetDateTime.parse("2025-06-01T18:30:05.123Z"), url));
                samples.add(new StatusUpdated(STATUS, "109876543210", "tech", "<p>Moved to 23:30 UTC</p>",
                        url == null ? null : "en", visibility.wireName(), List.of(), List.of(),
                        OffsetDateTime.parse("2025-06-01T18:30:05.123Z"), url));
            }
            for (Boolean indexable : new Boolean[] {true, false}) {
                samples.add(new StatusCreated(STATUS, "109876543210", "tech", "<p>Reply to @href</p>", "en",
                        visibility.wireName(), List.of("href"), List.of(), OffsetDateTime.parse("2025-06-01T18:30:05.123Z"),
                        null, "soc.ialis.me", 1748802605123L, indexable, "113482930221770400", "109876543211", null));
                samples.add(new StatusUpdated(STATUS, "109876543210", "tech", "", null, visibility.wireName(), List.of(),
                        List.of(), OffsetDateTime.parse("2025-06-01T18:30:05.123Z"), null, "soc.ialis.me", 2L, indexable,
                        null, null, "113482930221770300"));
            }
        }
        samples.add(new StatusDeleted(STATUS, "109876543210"));
        samples.add(new StatusDeleted(STATUS, "109876543210", "soc.ialis.me", 1748809805000L));
        for (InteractionKind kind : InteractionKind.values()) {
            samples.add(new InteractionAdded(STATUS, "109876543211", kind.wireName(), "soc.ialis.me", 1748803000000L));
            samples.add(new InteractionRemoved(STATUS, "109876543211", kind.wireName(), null, null));
        }
        samples.add(new AuthorUpdated("109876543210", "tech", true, "soc.ialis.me", 1748810000000L));
        samples.add(new AuthorUpdated("109876543210", "tech@elsewhere.example", false, null, null));
        samples.add(new CommandIssued("cmd-1", "account.suspend", account, Map.of("reason", "abuse report #412"), "href", "#ops"));
        samples.add(new CommandIssued("cmd-2", "account.resume", account, Map.of(), "href", "#ops"));
        samples.add(new CommandIssued("cmd-3", "backup.run", POLICY, Map.of(), "href", "#ops"));
        return List.copyOf(samples);
    }

    /** Every sample with a fresh account id. */
    public static List<MooringEvent> all() {
        return all(UUID.randomUUID().toString());
    }

    /** The kinds a backup target may have: {@value BackupTarget#ACCOUNT} and every resource kind. */
    public static List<String> backupTargetKinds() {
        List<String> kinds = new ArrayList<>(WireValue.wireNames(ResourceKind.class));
        kinds.add(BackupTarget.ACCOUNT);
        return kinds;
    }

    /** The events as a consumer receives them: encoded as CloudEvents records and decoded from Kafka records. */
    public static List<ReceivedEvent> received(List<MooringEvent> samples) {
        EventCodec codec = new EventCodec();
        List<ReceivedEvent> received = new ArrayList<>();
        long offset = 0;
        for (MooringEvent sample : samples) {
            EventEnvelope envelope = EventEnvelope.of("contract-samples", sample, CLOCK);
            ProducerRecord<String, byte[]> sent = codec.toRecord(envelope);
            ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(sent.topic(), 0, offset++, CLOCK.millis(),
                    TimestampType.CREATE_TIME, -1, sent.value().length, sent.key(), sent.value(), sent.headers(), Optional.empty());
            received.add(codec.decode(record));
        }
        return List.copyOf(received);
    }

    /** Every sample, received, with a fresh account id. */
    public static List<ReceivedEvent> received() {
        return received(all());
    }
}
