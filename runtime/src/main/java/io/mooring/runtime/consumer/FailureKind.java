package io.mooring.runtime.consumer;

/** What a consumer does with an event whose handling failed. */
public enum FailureKind {
    /** The store, the network or the broker: retry with backoff, without limit, so that an outage delays work and drops nothing. */
    TRANSIENT,
    /** The event can never be applied: dead-letter it at once and go on. */
    PERMANENT,
    /** Anything else, e.g. a bug: retry up to {@code mooring.consumer.max-attempts}, then dead-letter it. */
    UNEXPECTED
}
