package io.mooring.monitor.schedule;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedRunnable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mooring.monitor.state.CheckOutcomes;
import io.mooring.monitor.state.CheckOutcomes.Checked;
import io.mooring.runtime.consumer.ErrorClassifier;
import io.mooring.runtime.consumer.FailureKind;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * Writes a batch of check results so that none is lost while the store is away: a transient failure (the store not
 * answering, a deadlock; classified by the runtime's {@link ErrorClassifier}) is retried with exponential backoff
 * ({@value #FIRST_DELAY_MS} ms doubling to {@value #MAX_DELAY_S} s) until the write succeeds. A batch refused
 * otherwise is written one result at a time, so a result the store refuses for good is logged and skipped alone.
 * A retry counts no result twice: {@link CheckOutcomes#recordAll} skips results already recorded by an attempt whose
 * answer was lost. Metrics: {@code mooring.monitor.result.write.retries},
 * {@code mooring.monitor.results.refused}.
 */
@Singleton
class CheckResultWriter {
    private static final Logger LOG = LoggerFactory.getLogger(CheckResultWriter.class);
    static final long FIRST_DELAY_MS = 250;
    static final long MAX_DELAY_S = 5;

    private final CheckOutcomes outcomes;
    private final ErrorClassifier errors;
    private final Counter retries;
    private final Counter refused;

    CheckResultWriter(CheckOutcomes outcomes, ErrorClassifier errors, MeterRegistry meters) {
        this.outcomes = outcomes;
        this.errors = errors;
        this.retries = Counter.builder("mooring.monitor.result.write.retries")
                .description("Writes of check results retried because the store failed transiently").register(meters);
        this.refused = Counter.builder("mooring.monitor.results.refused")
                .description("Check results the store refused for good (logged and skipped)").register(meters);
    }

    /**
     * Writes the results (of distinct monitors), waiting as long as the store is away; returns once each is written
     * or refused for good.
     *
     * @throws InterruptedException when the thread is interrupted (the service stops): the results not written yet are not
     */
    void write(List<Checked> batch) throws InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        try {
            untilWritten(batch.size() + " check results", () -> outcomes.recordAll(batch));
            return;
        } catch (RuntimeException e) {
            LOG.warn("recording {} check results together failed, recording each alone: {}", batch.size(), e.toString());
        }
        for (Checked one : batch) {
            try {
                untilWritten("the check result of monitor " + one.monitorId(), () -> outcomes.recordAll(List.of(one)));
            } catch (RuntimeException e) {
                refused.increment();
                LOG.error("check result of monitor {} at {} refused, skipped: {}", one.monitorId(), one.at(), e.toString());
            }
        }
    }

    /** Runs {@code write}, retrying transient failures without limit; any other failure is thrown. */
    private void untilWritten(String what, CheckedRunnable write) throws InterruptedException {
        RetryPolicy<Object> policy = RetryPolicy.builder()
                .handleIf(failure -> errors.classify(failure) == FailureKind.TRANSIENT)
                .withBackoff(Duration.ofMillis(FIRST_DELAY_MS), Duration.ofSeconds(MAX_DELAY_S))
                .withMaxRetries(-1)
                .abortIf((result, failure) -> Thread.currentThread().isInterrupted())
                .onRetry(event -> {
                    retries.increment();
                    LOG.warn("writing {} failed (attempt {}), retrying: {}", what,
                            event.getAttemptCount(), event.getLastException().toString());
                })
                .build();
        try {
            Failsafe.with(policy).run(write);
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()
                    || e instanceof FailsafeException && e.getCause() instanceof InterruptedException) {
                throw new InterruptedException("stopped while writing " + what);
            }
            throw e;
        }
    }
}
