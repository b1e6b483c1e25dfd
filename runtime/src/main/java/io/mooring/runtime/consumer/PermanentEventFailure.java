package io.mooring.runtime.consumer;

/** An event that can never be applied (e.g. it contradicts the store): dead-letter it at once, go on. */
public class PermanentEventFailure extends Exception {
    public PermanentEventFailure(String message) {
        super(message);
    }

    public PermanentEventFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
