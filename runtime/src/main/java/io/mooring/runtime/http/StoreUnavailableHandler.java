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
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Answers a request that failed because Postgres or Redis does not answer with 503
 * {@code store-unavailable} and {@code Retry-After} ({@code mooring.http.store-retry-after}, 5 s):
 * the client may try again, nothing was half-written. Any other failure of the store clients stays the
 * 500 {@code internal} problem it was. Micronaut picks a handler by exception type, so there is one
 * empty handler per exception type the store clients throw; the answer is {@link Answer}'s.
 */
public final class StoreUnavailableHandler {
    private static final Logger LOG = LoggerFactory.getLogger(StoreUnavailableHandler.class);

    private StoreUnavailableHandler() {
    }

    /** The one answer of every handler below, with the configured {@code Retry-After}. */
    @Singleton
    static final class Answer {
        private final ErrorResponseProcessor<?> errors;
        private final Duration retryAfter;

        Answer(ErrorResponseProcessor<?> errors, @Value("${mooring.http.store-retry-after:5s}") Duration retryAfter) {
            this.errors = errors;
            this.retryAfter = retryAfter;
        }

        HttpResponse<?> to(HttpRequest<?> request, Throwable exception) {
            if (!StoreFailures.isUnavailable(exception)) {
                LOG.error("{} {} failed", request.getMethod(), request.getPath(), exception);
                return errors.processResponse(ErrorContext.builder(request).cause(exception).build(),
                        HttpResponse.serverError());
            }
            LOG.warn("{} {}: store unavailable: {}", request.getMethod(), request.getPath(), rootMessage(exception));
            return unavailable(request, "store-unavailable", "Store unavailable",
                    "a store of this service does not answer; nothing was changed, try again later", retryAfter);
        }

        private static String rootMessage(Throwable t) {
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root.getClass().getSimpleName() + ": " + root.getMessage();
        }
    }

    /** 503 with the problem {@code slug} and {@code Retry-After}: the client may try again. */
    static HttpResponse<Problem> unavailable(HttpRequest<?> request, String slug, String title, String detail,
                                             Duration retryAfter) {
        return HttpResponse.<Problem>status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())))
                .contentType(MediaType.of(Problem.MEDIA_TYPE))
                .body(new Problem(Problem.type(slug), title, HttpStatus.SERVICE_UNAVAILABLE.getCode(), detail,
                        request.getPath(), null));
    }

    abstract static class Base<E extends Throwable> implements ExceptionHandler<E, HttpResponse<?>> {
        private Answer answer;

        @Inject
        void answer(Answer answer) {
            this.answer = answer;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, E exception) {
            return answer.to(request, exception);
        }
    }

    @Singleton
    static final class DataAccess extends Base<DataAccessException> {
    }

    @Singleton
    static final class Connection extends Base<ConnectionException> {
    }

    @Singleton
    static final class JdbcConnection extends Base<io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException> {
    }

    @Singleton
    static final class TxJdbcConnection extends Base<io.micronaut.transaction.jdbc.exceptions.CannotGetJdbcConnectionException> {
    }

    @Singleton
    static final class Transaction extends Base<TransactionException> {
    }

    @Singleton
    static final class Redis extends Base<RedisException> {
    }
}
