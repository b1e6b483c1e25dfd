package io.mooring.chatops.delivery;

import io.micronaut.core.annotation.Nullable;
import io.mooring.runtime.consumer.TransientEventFailure;

import java.time.Duration;
import java.util.List;

/**
 * Some targets could not take an event now (no answer, 5xx, 429): the consumer retries the event
 * with backoff, and targets that already have it are skipped then. When a target said how long to wait
 * ({@code Retry-After}), the retry waits at least the longest such wait (capped by {@code mooring.consumer.backoff-max}).
 */
public class TargetsUnavailableException extends TransientEventFailure {
    public TargetsUnavailableException(List<String> failures) {
        this(failures, null);
    }

    public TargetsUnavailableException(List<String> failures, @Nullable Duration retryAfter) {
        super("targets unavailable, will retry: " + String.join("; ", failures), retryAfter);
    }
}
