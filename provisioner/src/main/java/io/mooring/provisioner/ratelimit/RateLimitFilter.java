package io.mooring.provisioner.ratelimit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mooring.runtime.auth.Scope;
import io.mooring.runtime.http.Problem;

import java.util.OptionalLong;

/**
 * Answers {@code 429} with {@code Retry-After} once a bearer token has used its requests for the
 * minute. Runs after the bearer-token filter, which names the token; public paths are not limited.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RateLimitFilter implements Ordered {
    private final RateLimiter limiter;

    public RateLimitFilter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<Problem> limit(HttpRequest<?> request) {
        String token = request.getAttribute(Scope.TOKEN_ID_ATTRIBUTE, String.class).orElse(null);
        if (token == null) {
            return null;
        }
        OptionalLong retryAfter = limiter.acquire(token);
        if (retryAfter.isEmpty()) {
            return null;
        }
        HttpStatus status = HttpStatus.TOO_MANY_REQUESTS;
        return HttpResponse.<Problem>status(status)
                .contentType(MediaType.of(Problem.MEDIA_TYPE))
                .header("Retry-After", Long.toString(retryAfter.getAsLong()))
                .body(new Problem(Problem.type("rate-limited"), "Too many requests", status.getCode(),
                        "this token may send " + limiter.requestsPerMinute() + " requests a minute; retry after "
                                + retryAfter.getAsLong() + " s", request.getPath(), null));
    }
}
