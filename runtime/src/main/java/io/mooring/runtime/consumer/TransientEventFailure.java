package io.mooring.runtime.consumer;

/**
 * Something the event needs is not available yet (a target, an index being created): the consumer
 * retries the event with backoff, without limit, and nothing after it on that partition is applied first.
 */
public class TransientEventFailure extends Exception {
    public TransientEventFailure(String message) {
        super(message);
    }

    public TransientEventFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
