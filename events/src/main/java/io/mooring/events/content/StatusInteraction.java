package io.mooring.events.content;

import io.mooring.events.MooringEvent;

/** An account's favourite, bookmark or boost of a status, given or taken back. */
public sealed interface StatusInteraction extends MooringEvent permits InteractionAdded, InteractionRemoved {

    String statusId();

    /** The account that interacted, on the status's instance. */
    String accountId();

    /** The wire name of an {@link InteractionKind}. */
    String kind();

    /** Nullable, see {@link StatusSnapshot#source()}. */
    String source();

    /** Nullable, see {@link InteractionAdded#version()}. */
    Long version();

    @Override
    default String subject() {
        return statusId();
    }
}
