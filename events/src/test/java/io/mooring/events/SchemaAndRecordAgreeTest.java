package io.mooring.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Edge values of the field rules that both a JSON Schema and a record constructor check: a
 * producer that follows the schema never writes a body that consumers reject, and back.
 * Each row merges its fields into the sample body of the type.
 */
class SchemaAndRecordAgreeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ContractProbe probe = new ContractProbe();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            mooring.provisioning.host.registered.v1    | {"cpuCores": 0}
            mooring.provisioning.host.registered.v1    | {"memoryMb": -1}
            mooring.provisioning.host.registered.v1    | {"cpuCores": 2147483648}
            mooring.provisioning.host.registered.v1    | {"labels": {"disk": null}}
            mooring.provisioning.host.registered.v1    | {"labels": {" ": "ssd"}}
            mooring.provisioning.account.requested.v1  | {"ownerEmail": "tech at soc.ialis.me"}
            mooring.provisioning.account.requested.v1  | {"ownerEmail": ""}
            mooring.provisioning.account.ready.v1      | {"ownerEmail": "tech@"}
            mooring.provisioning.account.deleted.v1    | {"purgeAfter": "next tuesday"}
            mooring.provisioning.account.deleted.v1    | {"purgeAfter": "2025-07-01T00:00:00"}
            mooring.provisioning.resource.requested.v1 | {"kind": "mysql-database"}
            mooring.provisioning.resource.ready.v1     | {"endpoint": "postgres://mastodon:hunter2@db-2.par1.example.net:5432/mastodon_production"}
            mooring.provisioning.resource.ready.v1     | {"endpoint": "rediss://:hunter2@redis-1.par1.example.net:6380/0"}
            mooring.provisioning.resource.ready.v1     | {"endpoint": "https://s3.par1.example.net/acct-media/a.png?X-Amz-Credential=AKIA&X-Amz-Signature=0f1e"}
            mooring.provisioning.resource.ready.v1     | {"endpoint": "https://s3.par1.example.net/acct-media?access_token=abc"}
            mooring.provisioning.resource.ready.v1     | {"endpoint": "/var/run/postgresql"}
            mooring.backups.policy.created.v1          | {"schedule": "daily"}
            mooring.backups.policy.created.v1          | {"schedule": "0 3 * *"}
            mooring.backups.policy.created.v1          | {"retentionDays": 0}
            mooring.backups.policy.created.v1          | {"target": {"kind": "postgres-database"}}
            mooring.backups.policy.created.v1          | {"target": {"kind": "nfs-share", "name": "media"}}
            mooring.backups.policy.created.v1          | {"zstdLevel": 0}
            mooring.backups.policy.created.v1          | {"zstdLevel": 23}
            mooring.backups.policy.created.v1          | {"state": "RUNNING"}
            mooring.backups.policy.created.v1          | {"ageRecipients": ["AGE1QL3Z7HJY54PW3HYWW5AYYFG7ZQGVC7W3J2ELW8ZMRJ2KG5SFN9AQMCAC8P"]}
            mooring.backups.policy.created.v1          | {"ageRecipients": ["age1 ql3z7"]}
            mooring.backups.policy.created.v1          | {"retention": {"keepWithin": "14 days"}}
            mooring.backups.policy.created.v1          | {"retention": {"keepWithin": "P"}}
            mooring.backups.policy.created.v1          | {"retention": {"keepLast": 0}}
            mooring.backups.policy.updated.v1          | {"retention": null}
            mooring.backups.policy.updated.v1          | {"zstdLevel": 0}
            mooring.backups.policy.updated.v1          | {"state": null}
            mooring.backups.policy.updated.v1          | {"keepArtifactsUntil": "in 30 days"}
            mooring.backups.policy.paused.v1           | {"reason": " "}
            mooring.backups.run.succeeded.v1           | {"sha256": "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08"}
            mooring.backups.run.succeeded.v1           | {"sha256": "9f86d081"}
            mooring.backups.run.succeeded.v1           | {"sizeBytes": -1}
            mooring.backups.run.verified.v1            | {"ok": "yes"}
            mooring.monitoring.monitor.created.v1      | {"kind": "icmp"}
            mooring.monitoring.monitor.created.v1      | {"kind": "http", "target": "soc.ialis.me"}
            mooring.monitoring.monitor.created.v1      | {"kind": "http", "target": "ftp://soc.ialis.me/"}
            mooring.monitoring.monitor.created.v1      | {"kind": "tcp", "target": "db-2.par1.example.net"}
            mooring.monitoring.monitor.created.v1      | {"kind": "tcp", "target": "db-2.par1.example.net:70000"}
            mooring.monitoring.monitor.created.v1      | {"kind": "kafka", "target": "kafka-1.par1.example.net"}
            mooring.monitoring.monitor.created.v1      | {"kind": "kafka", "target": "kafka-1:9092, kafka-2:9092"}
            mooring.monitoring.monitor.created.v1      | {"kind": "kafka", "target": "kafka-1:9092,"}
            mooring.monitoring.monitor.created.v1      | {"accountId": " "}
            mooring.monitoring.monitor.state-changed.v1 | {"to": "MAINTENANCE"}
            mooring.monitoring.monitor.state-changed.v1 | {"from": "up"}
            mooring.monitoring.incident.opened.v1      | {"severity": "sev1"}
            mooring.monitoring.incident.resolved.v1    | {"durationSeconds": -5}
            mooring.monitoring.incident.updated.v1     | {"kind": "reminder"}
            mooring.monitoring.incident.updated.v1     | {"message": " "}
            mooring.monitoring.incident.updated.v1     | {"at": "2025-06-01 03:04"}
            mooring.monitoring.incident.updated.v1     | {"openSeconds": -1}
            mooring.monitoring.heartbeat.missed.v1     | {"lastSeen": "2025-06-01 03:04"}
            mooring.content.status.created.v1          | {"visibility": "followers"}
            mooring.content.status.created.v1          | {"language": "english"}
            mooring.content.status.created.v1          | {"url": "soc.ialis.me/@tech/113482930221770421"}
            mooring.content.status.created.v1          | {"mentions": [""]}
            mooring.content.status.updated.v1          | {"tags": ["ops", " "]}
            mooring.content.status.updated.v1          | {"createdAt": "yesterday"}
            mooring.chatops.command.issued.v1          | {"command": "Account.Suspend"}
            mooring.chatops.command.issued.v1          | {"command": "suspend"}
            mooring.chatops.command.issued.v1          | {"arguments": {"reason": null}}
            """)
    void bothReject(String type, String fields) {
        ObjectNode body = merged(type, fields);

        assertThat(EventSchemas.errors(type, body)).as("schema errors").isNotEmpty();
        assertThat(probe.decodes(entry(type), subject(type), body)).as("record accepts").isFalse();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            mooring.provisioning.host.registered.v1    | {"labels": {}}
            mooring.provisioning.account.requested.v1  | {"ownerEmail": null}
            mooring.provisioning.account.ready.v1      | {"ownerEmail": null}
            mooring.provisioning.account.deleted.v1    | {"purgeAfter": "2025-07-01T02:00:00+02:00"}
            mooring.provisioning.resource.ready.v1     | {"kind": "bucket", "name": "acct-media", "endpoint": "https://s3.par1.example.net/acct-media"}
            mooring.provisioning.resource.ready.v1     | {"kind": "redis-namespace", "name": "soc-ialis:", "endpoint": "rediss://redis-1.par1.example.net:6380/0"}
            mooring.provisioning.resource.ready.v1     | {"endpoint": "postgres://soc_ialis@db-2.par1.example.net:5432/mastodon_production"}
            mooring.provisioning.resource.ready.v1     | {"kind": "site", "name": "blog", "endpoint": "https://blog.soc.ialis.me/?lang=fr"}
            mooring.backups.policy.created.v1          | {"schedule": "*/15 0-6 * * MON-FRI"}
            mooring.backups.policy.created.v1          | {"target": {"kind": "bucket", "name": "acct-media"}}
            mooring.backups.policy.created.v1          | {"timeZone": null, "retention": null, "destination": null, "zstdLevel": null, "state": null}
            mooring.backups.policy.created.v1          | {"ageRecipients": []}
            mooring.backups.policy.created.v1          | {"retention": {"keepLast": 3, "keepWithin": "P1Y2M3W4D"}}
            mooring.backups.policy.created.v1          | {"state": "PAUSED", "zstdLevel": 22}
            mooring.backups.policy.updated.v1          | {"keepArtifactsUntil": null, "state": "ACTIVE"}
            mooring.backups.run.succeeded.v1           | {"sizeBytes": 0}
            mooring.backups.run.verified.v1            | {"ok": false}
            mooring.monitoring.monitor.created.v1      | {"accountId": null, "kind": "tcp", "target": "db-2.par1.example.net:5432"}
            mooring.monitoring.monitor.created.v1      | {"kind": "tcp", "target": "[2001:db8::7]:6380"}
            mooring.monitoring.monitor.created.v1      | {"kind": "kafka", "target": "kafka-1.par1.example.net:9093,[2001:db8::7]:9093"}
            mooring.monitoring.monitor.created.v1      | {"kind": "heartbeat", "target": "pg_dump soc-ialis nightly"}
            mooring.monitoring.monitor.created.v1      | {"kind": "http", "target": "http://10.0.4.7:8080/health?full=1"}
            mooring.monitoring.monitor.state-changed.v1 | {"from": "PAUSED", "to": "UNKNOWN"}
            mooring.monitoring.incident.resolved.v1    | {"durationSeconds": 0}
            mooring.monitoring.heartbeat.missed.v1     | {"lastSeen": null}
            mooring.content.status.created.v1          | {"language": null, "url": null, "content": ""}
            mooring.content.status.created.v1          | {"language": "pt-BR"}
            mooring.content.status.updated.v1          | {"visibility": "direct", "mentions": ["bob@fosstodon.org"]}
            mooring.chatops.command.issued.v1          | {"command": "monitor.pause", "arguments": {}}
            """)
    void bothAccept(String type, String fields) {
        ObjectNode body = merged(type, fields);

        assertThat(EventSchemas.errors(type, body)).as("schema errors").isEmpty();
        assertThat(probe.decodes(entry(type), subject(type), body)).as("record accepts").isTrue();
    }

    private ObjectNode merged(String type, String fields) {
        ObjectNode body = probe.body(EventSamples.of(entry(type)));
        try {
            body.setAll((ObjectNode) JSON.readTree(fields));
        } catch (IOException e) {
            throw new IllegalArgumentException(fields, e);
        }
        return body;
    }

    private static EventCatalog.Entry entry(String type) {
        return EventCatalog.entryOf(type).orElseThrow(() -> new AssertionError("unknown type " + type));
    }

    private static String subject(String type) {
        return EventSamples.of(entry(type)).subject();
    }
}
