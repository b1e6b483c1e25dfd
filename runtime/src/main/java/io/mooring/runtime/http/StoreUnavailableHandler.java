package io.mooring.runtime.http;

import io.lettuce.core.RedisException;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.transaction.exceptions.TransactionException;
import io.mooring.runtime.store.StoreFailures;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Answers a request that failed because Postgres or Redis does not answer with 503
 * {@code store-unavailable} and {@code Retry-After} ({@code mooring.http.store-retry-after}, 5 s):
 * the client may try again, nothing was half-written. Any other failure of the store clients stays the
 * 500 {@code internal} problem it was. One small handler per exception type the store clients throw.
 */
public final class StoreUnavailableHandler {
    private static final Logger LOG = LoggerFactory.getLogger(StoreUnavailableHandler.class);

    private StoreUnavailableHandler() {
    }

    abstract static class Base<E extends Throwable> implements ExceptionHandler<E, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> errors;
        private final Duration retryAfter;

        Base(ErrorResponseProcessor<?> errors, Duration retryAfter) {
            this.errors = errors;
            this.retryAfter = retryAfter;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, E exception) {
            if (!StoreFailures.isUnavailable(exception)) {
                LOG.error("{} {} failed", request.getMethod(), request.getPath(), exception);
                return errors.processResponse(ErrorContext.builder(request).cause(exception).build(),
                        HttpResponse.serverError());
            }
            LOG.warn("{} {}: store unavailable: {}", request.getMethod(), request.getPath(), rootMessage(exception));
            Problem problem = new Problem(Problem.type("store-unavailable"), "Store unavailable",
                    HttpStatus.SERVICE_UNAVAILABLE.getCode(),
                    "a store of this service does not answer; nothing was changed, try again later",
                    request.getPath(), null);
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())))
                    .contentType(MediaType.of(Problem.MEDIA_TYPE))
                    .body(problem);
        }

        private static String rootMessage(Throwable t) {
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root.getClass().getSimpleName() + ": " + root.getMessage();
        }
    }

    @Singleton
    static final class DataAccess extends Base<DataAccessException> {
        DataAccess(ErrorResponseProcessor<?> errors, @Value("${mooring.http.store-retry-after:5s}") Duration retryAfter) {
            super(errors, retryAfter);
        }
    }

    @Singleton
    static final class Connection extends Base<ConnectionException> {
        Connection(ErrorResponseProcessor<?> errors, @Value("${mooring.http.store-retry-after:5s}") Duration retryAfter) {
            super(errors, retryAfter);
        }
    }

    @Singleton
    static final class JdbcConnection extends Base<io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException> {
        JdbcConnection(ErrorResponseProcessor<?> errors, @Value("${mooring.http.store-retry-after:5s}") Duration retryAfter) {
            super(errors, retryAfter);
        }
    }

    @Singleton
    static final class TxJdbcConnection extends Base<io.micronaut.transaction.jdbc.exceptions.CannotGetJdbcConnectionException> {
        TxJdbcConnection(ErrorResponseProcessor<?> errors, @Value("${mooring.http.store-retry-after:5s}") Duration retryAfter) {
            super(errors, retryAfter);
        }
    }

    @Singleton
    static final class Transaction extends Base<TransactionException> {
        Transaction(ErrorResponseProcessor<?> errors, @Value("${mooring.http.store-retry-after:5s}") Duration retryAfter) {
            super(errors, retryAfter);
        }
    }

    @Singleton
    static final class Redis extends Base<RedisException> {
        Redis(ErrorResponseProcessor<?> errors, @Value("${mooring.http.store-retry-after:5s}") Duration retryAfter) {
            super(errors, retryAfter);
        }
    }
}
