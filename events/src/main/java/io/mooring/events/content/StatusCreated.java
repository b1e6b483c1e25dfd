package io.mooring.events.content;

import io.mooring.events.EventType;
import io.mooring.events.Require;
import io.mooring.events.Topics;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A status was posted.
 *
 * @param language nullable, see {@link StatusSnapshot#language()}
 * @param url      nullable, see {@link StatusSnapshot#url()}
 * @param mentions never null: {@code null} becomes an empty list
 * @param tags     never null: {@code null} becomes an empty list
 * The fields after {@code url} were added later; each is nullable, see {@link StatusSnapshot}.
 */
@EventType(value = "mooring.content.status.created.v1", topic = Topics.CONTENT_STATUSES)
public record StatusCreated(String statusId, String accountId, String authorHandle, String content, String language,
                            String visibility, List<String> mentions, List<String> tags, OffsetDateTime createdAt,
                            String url, String source, Long version, Boolean indexable, String inReplyToId,
                            String inReplyToAccountId, String reblogOfId) implements StatusSnapshot {

    public StatusCreated {
        StatusChecks.check(statusId, accountId, authorHandle, content, language, visibility, createdAt, url);
        mentions = Require.texts(mentions, "mentions");
        tags = Require.texts(tags, "tags");
        StatusChecks.checkAdditions(source, version, inReplyToId, inReplyToAccountId, reblogOfId);
    }

    /** Without the fields added later (source, version, indexable, reply and reblog references): all null. */
    public StatusCreated(String statusId, String accountId, String authorHandle, String content, String language,
                  String visibility, List<String> mentions, List<String> tags, OffsetDateTime createdAt, String url) {
        this(statusId, accountId, authorHandle, content, language, visibility, mentions, tags, createdAt, url,
                null, null, null, null, null, null);
    }
}
