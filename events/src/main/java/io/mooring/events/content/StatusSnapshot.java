package io.mooring.events.content;

import io.mooring.events.MooringEvent;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The full state of a status (a post) as of an event, so a consumer can index either event the
 * same way.
 */
public sealed interface StatusSnapshot extends MooringEvent permits StatusCreated, StatusUpdated {

    String statusId();

    /** The author's account on the social application. */
    String accountId();

    /** The author as {@code user} (local) or {@code user@domain} (remote), without a leading {@code @}. */
    String authorHandle();

    /** The body, HTML as the social application renders it, or plain text; empty for media-only posts. */
    String content();

    /** Nullable: the BCP 47 language tag, e.g. {@code en} or {@code pt-BR}, {@code null} when unknown. */
    String language();

    /** The wire name of a {@link Visibility}. */
    String visibility();

    /** Handles of the mentioned accounts; never null. */
    List<String> mentions();

    /** Hashtags without the leading {@code #}; never null. */
    List<String> tags();

    OffsetDateTime createdAt();

    /** Nullable: the public http(s) URL of the status, {@code null} for statuses without one. */
    String url();

    /**
     * Nullable: the social application instance the status comes from, e.g. {@code soc.ialis.me}
     * (several instances feed one search index). {@code null}: the event's CloudEvents source.
     */
    String source();

    /**
     * Nullable: a number that grows with every edit of the status, e.g. its {@code edited_at} in epoch
     * milliseconds or an edit sequence; a producer uses the same kind for all its events of a status.
     * Consumers keep the highest version. {@code null}: the event's time in epoch milliseconds.
     */
    Long version();

    /**
     * Nullable: whether the author opted in to being found by search (Mastodon's {@code indexable});
     * {@code null} when the producer does not know, which search treats as not opted in.
     */
    Boolean indexable();

    /** Nullable: the status this one replies to. */
    String inReplyToId();

    /** Nullable: the author of the status this one replies to. */
    String inReplyToAccountId();

    /** Nullable: for a boost, the status it boosts. */
    String reblogOfId();

    @Override
    default String subject() {
        return statusId();
    }
}
