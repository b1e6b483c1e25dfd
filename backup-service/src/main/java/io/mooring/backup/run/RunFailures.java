package io.mooring.backup.run;

import dev.failsafe.TimeoutExceededException;
import io.mooring.runtime.consumer.ErrorClassifier;
import io.mooring.runtime.consumer.FailureKind;
import jakarta.inject.Singleton;

import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * Classifies why a run, restore or verification failed, once: a timeout, an interruption (the service stopping),
 * {@link PermanentRunFailure}, then the runtime's one classification of store, network and server faults
 * (with {@link S3Failures}); what nothing recognises is permanent.
 */
@Singleton
class RunFailures {
    private static final int MAX_REASON = 1000;

    private final ErrorClassifier classifier;

    RunFailures(ErrorClassifier classifier) {
        this.classifier = classifier;
    }

    /** Why {@code failure} happened and how it is classified. */
    record Verdict(Failure failure, String reason) {
    }

    Verdict classify(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof TimeoutExceededException) {
                return new Verdict(Failure.TIMEOUT, "the run exceeded its time limit (mooring.backup.run-timeout)");
            }
            if (cause instanceof PermanentRunFailure) {
                return new Verdict(Failure.PERMANENT, reason(cause));
            }
            if (cause instanceof InterruptedException || cause instanceof ClosedByInterruptException
                    || cause instanceof CancellationException
                    || (cause instanceof InterruptedIOException && Thread.currentThread().isInterrupted())) {
                return new Verdict(Failure.INTERRUPTED, "interrupted: the service stopped");
            }
        }
        FailureKind kind = classifier.classify(failure);
        return new Verdict(kind == FailureKind.TRANSIENT ? Failure.TRANSIENT : Failure.PERMANENT, reason(failure));
    }

    /** The most telling message of the cause chain, short and never blank. */
    static String reason(Throwable failure) {
        String found = null;
        Set<Throwable> seen = new HashSet<>();
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                found = cause.getMessage();
                break;
            }
        }
        String text = found == null ? failure.getClass().getSimpleName() : found;
        text = text.replaceAll("[\\p{Cntrl}&&[^\\n]]", " ").strip();
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "…" : text;
    }
}
