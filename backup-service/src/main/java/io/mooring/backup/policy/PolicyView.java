package io.mooring.backup.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A policy as the API shows it. {@code retentionDays} is the simple form of {@code retention}
 * (its keepWithin in days, or the span its counted rules cover).
 *
 * @param keepArtifactsUntil null unless the policy is STOPPED
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PolicyView(UUID id, String accountId, String targetKind, String targetName, String schedule,
                         String timeZone, Retention retention, int retentionDays, String destination, int zstdLevel,
                         List<String> ageRecipients, BackupPolicy.State state, @Nullable Instant keepArtifactsUntil,
                         Instant createdAt, Instant updatedAt) {

    /** The retention rules; a null rule is not used. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Retention(@Nullable Integer keepLast, @Nullable Integer keepDaily, @Nullable Integer keepWeekly,
                            @Nullable Integer keepMonthly, @Nullable String keepWithin) {
    }

    static PolicyView of(BackupPolicy p) {
        return new PolicyView(p.id(), p.accountId(), p.targetKind(), p.targetName(), p.schedule(), p.timeZone(),
                new Retention(p.keepLast(), p.keepDaily(), p.keepWeekly(), p.keepMonthly(), p.keepWithin()),
                p.retentionDays(), p.destination(), p.zstdLevel(), p.ageRecipients(), p.state(), p.keepArtifactsUntil(),
                p.createdAt(), p.updatedAt());
    }
}
