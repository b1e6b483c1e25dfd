package io.mooring.search.timeline;

import io.micronaut.core.annotation.Nullable;
import io.mooring.events.ReceivedEvent;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One event as stored in {@code ops-events}, under {@code _id} = {@code id}.
 *
 * @param topic   the topic the event travels on; null only for an unknown type of an unknown area
 * @param summary one line for humans
 * @param data    the event body as JSON (a non-object body sits under {@code value}); null when the
 *                body is empty or not JSON
 * @param text      the values of {@code data} (or the raw body when it is not JSON), for full-text search
 * @param accountId the account the event is about ({@code accountId} of its body), so that one filter
 *                  finds an account's whole story: its own events and those of its resources, backup
 *                  policies and monitors; null for platform events (hosts, platform monitors)
 */
public record TimelineEntry(String id, String type, String source, String subject, @Nullable String topic,
                            Instant time, String summary, @Nullable Map<String, Object> data, String text,
                            @Nullable String accountId) {

    public TimelineEntry {
        requireText(id, "id");
        requireText(type, "type");
        requireText(source, "source");
        requireText(subject, "subject");
        Objects.requireNonNull(time, "time");
        requireText(summary, "summary");
        text = text == null ? "" : text;
    }

    /** The entry of a received event, known type or not. */
    public static TimelineEntry of(ReceivedEvent event) {
        DataText body = DataText.of(event.rawData());
        return new TimelineEntry(event.id().toString(), event.type(), event.source(), event.subject(),
                event.topic().or(() -> EventTopics.topicOf(event.type())).orElse(null), event.time().toInstant(), EventSummary.of(event),
                body.data(), body.text(), accountOf(body.data()));
    }

    private static String accountOf(@Nullable Map<String, Object> data) {
        return data != null && data.get("accountId") instanceof String account && !account.isBlank() ? account : null;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
