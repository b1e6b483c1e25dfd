package io.mooring.runtime.consumer;

import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.mooring.events.MalformedEventException;
import io.mooring.runtime.kafka.KafkaUnavailableException;
import jakarta.inject.Singleton;
import org.apache.kafka.common.errors.RetriableException;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * The one classification of consumer failures, used for every handler. Each exception of the
 * cause chain is asked in turn, outermost first; the first with a verdict decides:
 * <ul>
 *   <li>{@link PermanentEventFailure}, {@link MalformedEventException}: {@link FailureKind#PERMANENT};</li>
 *   <li>{@link TransientEventFailure}, {@link SQLTransientException}, {@link SQLRecoverableException},
 *       a {@link SQLException} whose SQLState says connection (08), resources (53), operator
 *       intervention (57P), serialization or deadlock (40001, 40P01) or lock timeout (55P03),
 *       {@link IOException}, {@link TimeoutException}, Kafka's {@link RetriableException}, Lettuce's
 *       connection, timeout and interruption errors: {@link FailureKind#TRANSIENT};</li>
 *   <li>then the {@link FailureClassifier} beans of the service (e.g. OpenSearch's statuses);</li>
 *   <li>nothing decided: {@link FailureKind#UNEXPECTED}.</li>
 * </ul>
 */
@Singleton
public class ErrorClassifier {
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("40001", "40P01", "55P03");
    private static final Set<String> TRANSIENT_SQL_CLASSES = Set.of("08", "53", "57");

    private final List<FailureClassifier> classifiers;

    public ErrorClassifier(List<FailureClassifier> classifiers) {
        this.classifiers = List.copyOf(classifiers);
    }

    public FailureKind classify(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            Optional<FailureKind> verdict = builtIn(cause);
            if (verdict.isPresent()) {
                return verdict.get();
            }
            for (FailureClassifier classifier : classifiers) {
                verdict = classifier.classify(cause);
                if (verdict.isPresent()) {
                    return verdict.get();
                }
            }
        }
        return FailureKind.UNEXPECTED;
    }

    private static Optional<FailureKind> builtIn(Throwable cause) {
        if (cause instanceof PermanentEventFailure || cause instanceof MalformedEventException) {
            return Optional.of(FailureKind.PERMANENT);
        }
        boolean isTransient = cause instanceof TransientEventFailure
                || cause instanceof SQLTransientException
                || cause instanceof SQLRecoverableException
                || cause instanceof SQLException sql && isTransientState(sql.getSQLState())
                || cause instanceof IOException
                || cause instanceof TimeoutException
                || cause instanceof RetriableException
                || cause instanceof KafkaUnavailableException
                || cause instanceof RedisConnectionException
                || cause instanceof RedisCommandTimeoutException
                || cause instanceof RedisCommandInterruptedException;
        return isTransient ? Optional.of(FailureKind.TRANSIENT) : Optional.empty();
    }

    private static boolean isTransientState(String state) {
        return state != null && state.length() == 5
                && (TRANSIENT_SQL_STATES.contains(state) || TRANSIENT_SQL_CLASSES.contains(state.substring(0, 2)));
    }
}
