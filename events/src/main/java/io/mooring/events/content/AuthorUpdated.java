package io.mooring.events.content;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/**
 * An author's account on a social application instance changed (a Mastodon admin webhook's
 * {@code account.updated}): its handle and whether it opted in to being found by search. Keyed by
 * the account, so that its changes stay in order.
 *
 * @param accountId    the account on its instance
 * @param authorHandle the account as {@code user} (local) or {@code user@domain} (remote), as statuses name their author
 * @param indexable    whether the account opted in to search (Mastodon's {@code indexable})
 * @param source       nullable, see {@link StatusSnapshot#source()}
 * @param version      nullable: grows with every change of the account, e.g. the change's time in epoch
 *                     milliseconds; null: the event's time in epoch milliseconds
 */
@EventType(value = "mooring.content.author.updated.v1", topic = Topics.CONTENT_STATUSES)
public record AuthorUpdated(String accountId, String authorHandle, boolean indexable, String source, Long version)
        implements MooringEvent {

    public AuthorUpdated {
        Require.text(accountId, "accountId");
        Require.text(authorHandle, "authorHandle");
        StatusChecks.checkAdditions(source, version, null, null, null);
    }

    @Override
    public String subject() {
        return accountId;
    }
}
