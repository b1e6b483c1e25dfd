package io.mooring.chatops.delivery;

import io.mooring.runtime.consumer.TransientEventFailure;

import java.util.List;

/**
 * Some targets could not take an event now (no answer, 5xx, 429): the consumer retries the event
 * with backoff, and targets that already have it are skipped then.
 */
public class TargetsUnavailableException extends TransientEventFailure {
    public TargetsUnavailableException(List<String> failures) {
        super("targets unavailable, will retry: " + String.join("; ", failures));
    }
}
