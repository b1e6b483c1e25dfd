package io.mooring.events.backups;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;
import io.mooring.events.WireValue;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A resource of an account is now backed up on a schedule. The fields after {@code retentionDays}
 * were added later: they are null (or empty) in events written before they existed.
 *
 * @param schedule      a five-field cron expression (minute hour day-of-month month day-of-week),
 *                      read in {@code timeZone} (UTC when absent), e.g. {@code 0 3 * * *}
 * @param retentionDays how long artifacts are kept, in days: {@code retention.keepWithin} in days when the
 *                      policy has one, otherwise the span its counted rules cover (see the backup-service README)
 * @param timeZone      nullable: the IANA time zone of the schedule and of the daily/weekly/monthly rules
 * @param retention     nullable: the retention rules
 * @param destination   nullable: the name of the configured destination the artifacts go to
 * @param zstdLevel     nullable: the zstd compression level, 1 to 22
 * @param ageRecipients the age X25519 recipients ({@code age1...}) besides the service's defaults; may be empty
 * @param state         nullable: the wire name of a {@link BackupPolicyState}
 */
@EventType(value = "mooring.backups.policy.created.v1", topic = Topics.BACKUPS)
public record BackupPolicyCreated(String policyId, String accountId, BackupTarget target, String schedule,
                                  int retentionDays, String timeZone, BackupRetention retention, String destination,
                                  Integer zstdLevel, List<String> ageRecipients, String state) implements MooringEvent {

    // the same pattern as the JSON Schema
    static final Pattern CRON = Pattern.compile("^[0-9A-Za-z*/,?-]+( [0-9A-Za-z*/,?-]+){4}$");
    // the same pattern as the JSON Schemas: Bech32 text of an age X25519 recipient
    static final Pattern AGE_RECIPIENT = Pattern.compile("^age1[02-9ac-hj-np-z]{58}$");

    public BackupPolicyCreated {
        Require.text(policyId, "policyId");
        Require.text(accountId, "accountId");
        Require.present(target, "target");
        Require.matches(schedule, CRON, "schedule", "a five-field cron expression");
        Require.positive(retentionDays, "retentionDays");
        Require.optionalText(timeZone, "timeZone");
        Require.optionalText(destination, "destination");
        if (zstdLevel != null && (zstdLevel < 1 || zstdLevel > 22)) {
            throw new IllegalArgumentException("zstdLevel must be between 1 and 22, was " + zstdLevel);
        }
        ageRecipients = recipients(ageRecipients);
        if (state != null) {
            WireValue.parse(BackupPolicyState.class, state, "state");
        }
    }

    /** Without the fields added later: as producers wrote it before they existed. */
    public BackupPolicyCreated(String policyId, String accountId, BackupTarget target, String schedule, int retentionDays) {
        this(policyId, accountId, target, schedule, retentionDays, null, null, null, null, List.of(), null);
    }

    static List<String> recipients(List<String> values) {
        List<String> copy = Require.texts(values, "ageRecipients");
        for (int i = 0; i < copy.size(); i++) {
            Require.matches(copy.get(i), AGE_RECIPIENT, "ageRecipients[" + i + "]", "an age X25519 recipient (age1...)");
        }
        return copy;
    }

    @Override
    public String subject() {
        return policyId;
    }
}
