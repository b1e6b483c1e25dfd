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

    @Override
    default String subject() {
        return statusId();
    }
}
