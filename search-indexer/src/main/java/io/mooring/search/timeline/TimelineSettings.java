package io.mooring.search.timeline;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** The timeline's retention, under {@code mooring.search.timeline}. */
@ConfigurationProperties("mooring.search.timeline")
public class TimelineSettings {
    private Duration retention = Duration.ofDays(400);
    private Duration retentionCheck = Duration.ofHours(1);

    /**
     * How long events stay searchable: a month's index is deleted once the whole month is older than
     * this, and an event older than this is not indexed.
     */
    public Duration getRetention() {
        return retention;
    }

    public void setRetention(Duration retention) {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("mooring.search.timeline.retention must be positive, was " + retention);
        }
        this.retention = retention;
    }

    /** How often old indices are looked for. */
    public Duration getRetentionCheck() {
        return retentionCheck;
    }

    public void setRetentionCheck(Duration retentionCheck) {
        this.retentionCheck = retentionCheck;
    }
}
