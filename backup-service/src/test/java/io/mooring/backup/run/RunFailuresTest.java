package io.mooring.backup.run;

import dev.failsafe.Failsafe;
import dev.failsafe.Timeout;
import io.mooring.runtime.consumer.ErrorClassifier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class RunFailuresTest {
    private final RunFailures failures = new RunFailures(new ErrorClassifier(List.of(new S3Failures())));

    @Test
    void anUnreachableS3IsTransient() {
        Throwable unreachable = SdkClientException.create("Unable to execute HTTP request",
                new ConnectException("Connection refused"));

        assertThat(failures.classify(unreachable).failure()).isEqualTo(Failure.TRANSIENT);
        assertThat(failures.classify(unreachable).reason()).isEqualTo("Unable to execute HTTP request");
    }

    @Test
    void anS3ServerErrorIsTransientAndAnAccessDeniedPermanent() {
        assertThat(failures.classify(S3Exception.builder().statusCode(503).message("slow down").build()).failure())
                .isEqualTo(Failure.TRANSIENT);
        assertThat(failures.classify(S3Exception.builder().statusCode(403).message("denied").build()).failure())
                .isEqualTo(Failure.PERMANENT);
    }

    @Test
    void aDumpThatBrokeOffIsTransient() {
        assertThat(failures.classify(new IOException("pg_dump exited with 1: server closed the connection")).failure())
                .isEqualTo(Failure.TRANSIENT);
    }

    @Test
    void aMissingWriterIsPermanent() {
        assertThat(failures.classify(new PermanentRunFailure("no writer")).failure()).isEqualTo(Failure.PERMANENT);
    }

    @Test
    void exceedingTheRunTimeoutInterruptsTheWriterAndIsClassifiedAsTimeout() {
        CountDownLatch never = new CountDownLatch(1);
        // bounded: should the timeout fire before Failsafe can interrupt (a loaded machine), it still fails as one
        Throwable thrown = catchThrowable(() -> Failsafe.with(Timeout.builder(Duration.ofMillis(200)).withInterrupt().build())
                .run(() -> never.await(20, java.util.concurrent.TimeUnit.SECONDS)));

        assertThat(failures.classify(thrown).failure()).isEqualTo(Failure.TIMEOUT);
        Thread.interrupted();
    }

    @Test
    void anInterruptionIsInterrupted() {
        assertThat(failures.classify(new RuntimeException(new InterruptedException())).failure())
                .isEqualTo(Failure.INTERRUPTED);
    }

    @Test
    void reasonsAreShortAndFreeOfControlCharacters() {
        String reason = RunFailures.reason(new IOException("bad\u0000thing " + "x".repeat(2000)));
        assertThat(reason).doesNotContain("\u0000").hasSizeLessThanOrEqualTo(1001);
    }
}
