package io.mooring.runtime.consumer;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.mooring.events.MalformedEventException;
import io.mooring.runtime.kafka.KafkaUnavailableException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorClassifierTest {
    private final ErrorClassifier classifier = new ErrorClassifier(List.of());

    @Test
    void storeNetworkAndBrokerFailuresAreTransient() {
        assertThat(List.of(
                new SQLTransientConnectionException("pool exhausted"),
                new SQLException("connection refused", "08001"),
                new SQLException("terminating connection due to administrator command", "57P01"),
                new SQLException("canceling statement due to statement timeout", "57014"),
                new SQLException("could not serialize access", "40001"),
                new SQLException("deadlock detected", "40P01"),
                new ConnectException("Connection refused"),
                new UncheckedIOException(new java.io.IOException("broken pipe")),
                new RedisConnectionException("unable to connect"),
                new RedisCommandTimeoutException("timed out after 2 s"),
                new NotLeaderOrFollowerException("leader moved"),
                new KafkaUnavailableException("no broker", null),
                new TransientEventFailure("index not ready")))
                .allSatisfy(failure -> assertThat(classifier.classify(failure)).as(failure.toString()).isEqualTo(FailureKind.TRANSIENT));
    }

    @Test
    void looksThroughWrappersForTheCause() {
        RuntimeException wrapped = new RuntimeException("transaction failed",
                new IllegalStateException("cannot get a connection", new SQLException("no route", "08006")));
        assertThat(classifier.classify(wrapped)).isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void declaredAndUnreadableFailuresArePermanent() {
        assertThat(classifier.classify(new PermanentEventFailure("contradicts the store"))).isEqualTo(FailureKind.PERMANENT);
        assertThat(classifier.classify(new MalformedEventException("not a CloudEvent"))).isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void bugsAndDataErrorsAreUnexpected() {
        assertThat(List.of(
                new IllegalArgumentException("kind must be one of [...], was 'account'"),
                new NullPointerException(),
                new SQLException("duplicate key value violates unique constraint", "23505"),
                new RedisCommandExecutionException("WRONGTYPE Operation against a key holding the wrong kind of value"),
                new RecordTooLargeException("too large")))
                .allSatisfy(failure -> assertThat(classifier.classify(failure)).as(failure.toString()).isEqualTo(FailureKind.UNEXPECTED));
    }

    @Test
    void asksTheServicesClassifiersAboutFailuresTheRuntimeDoesNotKnow() {
        class Throttled extends RuntimeException {
        }
        ErrorClassifier withService = new ErrorClassifier(List.of(
                failure -> failure instanceof Throttled ? Optional.of(FailureKind.TRANSIENT) : Optional.empty()));
        assertThat(withService.classify(new IllegalStateException("bulk failed", new Throttled()))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(withService.classify(new IllegalStateException("bug"))).isEqualTo(FailureKind.UNEXPECTED);
    }
}
