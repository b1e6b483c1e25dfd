package io.mooring.search.statuses;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A status as the search API shows it.
 *
 * A boost is never found itself (it has no words of its own); the boosted status is.
 *
 * @param id         {@code <source>:<statusId>}
 * @param text       the status's text, HTML stripped
 * @param highlights passages of {@code text} that matched the words, HTML-escaped, the matches in {@code <mark>}; empty
 *                   when the search had no words
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FoundStatus(String id, String source, String statusId, String accountId, String author, String visibility,
                          @Nullable String language, Instant createdAt, @Nullable String url, String text, List<String> tags,
                          List<String> mentions, @Nullable String inReplyToId, @Nullable String reblogOfId,
                          List<String> highlights) {

    public FoundStatus {
        tags = List.copyOf(tags);
        mentions = List.copyOf(mentions);
        highlights = List.copyOf(highlights);
    }

    static FoundStatus of(Map<String, Object> doc, List<String> highlights) {
        return new FoundStatus(string(doc, "id"), string(doc, "source"), string(doc, "statusId"), string(doc, "accountId"),
                string(doc, "author"), string(doc, "visibility"), string(doc, "language"),
                Instant.parse(string(doc, "createdAt")), string(doc, "url"), String.valueOf(doc.getOrDefault("text", "")),
                strings(doc, "tags"), strings(doc, "mentions"), string(doc, "inReplyToId"), string(doc, "reblogOfId"), highlights);
    }

    private static String string(Map<String, Object> doc, String field) {
        Object value = doc.get(field);
        return value == null ? null : value.toString();
    }

    private static List<String> strings(Map<String, Object> doc, String field) {
        return doc.get(field) instanceof List<?> values ? values.stream().map(String::valueOf).toList() : List.of();
    }
}
