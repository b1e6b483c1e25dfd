package io.mooring.events.content;

import io.mooring.events.EventType;
import io.mooring.events.Require;
import io.mooring.events.Topics;

/**
 * An account favourited, bookmarked or boosted a status, for producers that know it (a Mastodon
 * instance's admin webhooks do not send favourites or bookmarks). Keyed by the status, so that an
 * interaction and its removal stay in order.
 *
 * @param statusId  the status interacted with
 * @param accountId the account that interacted, on the same instance
 * @param kind      the wire name of an {@link InteractionKind}
 * @param source    nullable, see {@link StatusSnapshot#source()}
 * @param version   nullable: grows with every change of this account's interaction of this kind with
 *                  this status (e.g. the time in epoch milliseconds); null: the event's time in epoch milliseconds
 */
@EventType(value = "mooring.content.interaction.added.v1", topic = Topics.CONTENT_STATUSES)
public record InteractionAdded(String statusId, String accountId, String kind, String source, Long version)
        implements StatusInteraction {

    public InteractionAdded {
        Require.text(statusId, "statusId");
        Require.text(accountId, "accountId");
        InteractionKind.fromWire(kind);
        StatusChecks.checkAdditions(source, version, null, null, null);
    }
}
