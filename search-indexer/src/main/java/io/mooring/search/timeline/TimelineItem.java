package io.mooring.search.timeline;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Map;

/** One event as the API shows it. */
@Serdeable
public record TimelineItem(String id, String type, String source, String subject, @Nullable String topic,
                           Instant time, String summary, @Nullable Map<String, Object> data) {

    static TimelineItem of(TimelineEntry entry) {
        return new TimelineItem(entry.id(), entry.type(), entry.source(), entry.subject(), entry.topic(), entry.time(),
                entry.summary(), entry.data());
    }
}
