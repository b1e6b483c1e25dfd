package io.mooring.monitor.heartbeat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.monitor.monitor.HeartbeatToken;
import io.mooring.monitor.monitor.Monitor;
import io.mooring.monitor.monitor.MonitorRepository;
import io.mooring.runtime.http.Problem;
import io.mooring.runtime.http.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Where a heartbeat monitor's job checks in: {@code POST} or {@code GET /v1/heartbeats/{token}}. The
 * token is the credential (no bearer token; the path is public), so an unknown token is a 404 that
 * tells nothing more, and check-ins are rate-limited per token.
 */
@Tag(name = "heartbeats")
@SecurityRequirements
@Controller("/v1/heartbeats")
public class HeartbeatController {
    private static final Pattern TOKEN = Pattern.compile("^[A-Za-z0-9_-]{1,128}$");

    private final MonitorRepository monitors;
    private final CheckIns checkIns;
    private final CheckInLimiter limiter;
    private final Clock clock;

    public HeartbeatController(MonitorRepository monitors, CheckIns checkIns, CheckInLimiter limiter, Clock clock) {
        this.monitors = monitors;
        this.checkIns = checkIns;
        this.limiter = limiter;
        this.clock = clock;
    }

    /**
     * The answer to a check-in.
     *
     * @param state the monitor's state after it: UP, or PAUSED for a paused monitor (the check-in is still recorded)
     */
    @Serdeable
    public record CheckInView(String state, Instant checkedInAt) {
    }

    @Post("/{token}")
    @Operation(summary = "Check in (a job's heartbeat)", description = "The token is the credential; no bearer token. "
            + "At most one check-in per token a second is recorded; more is 429 with Retry-After.")
    public HttpResponse<?> checkIn(HttpRequest<?> request, @PathVariable String token) {
        return record(request, token);
    }

    @Get("/{token}")
    @Operation(summary = "Check in with GET", description = "The same as POST, for jobs that can only fetch a URL.")
    public HttpResponse<?> checkInByGet(HttpRequest<?> request, @PathVariable String token) {
        return record(request, token);
    }

    private HttpResponse<?> record(HttpRequest<?> request, String token) {
        if (!TOKEN.matcher(token).matches()) {
            throw unknown();
        }
        String digest = new HeartbeatToken(token).sha256();
        OptionalLong retryAfter = limiter.acquire(digest);
        if (retryAfter.isPresent()) {
            return tooMany(request, retryAfter.getAsLong());
        }
        Monitor monitor = monitors.findByHeartbeatTokenSha256(digest).orElseThrow(HeartbeatController::unknown);
        Instant at = clock.instant();
        Monitor after = checkIns.checkIn(monitor.id(), at, "checked in").orElseThrow(HeartbeatController::unknown);
        return HttpResponse.ok(new CheckInView(after.state().wireName(), at));
    }

    private static ProblemException unknown() {
        return new ProblemException(HttpStatus.NOT_FOUND, "not-found", "Not found", "no heartbeat monitor has this token");
    }

    private HttpResponse<Problem> tooMany(HttpRequest<?> request, long seconds) {
        HttpStatus status = HttpStatus.TOO_MANY_REQUESTS;
        return HttpResponse.<Problem>status(status)
                .contentType(MediaType.of(Problem.MEDIA_TYPE))
                .header("Retry-After", Long.toString(seconds))
                .body(new Problem(Problem.type("rate-limited"), "Too many requests", status.getCode(),
                        "a heartbeat records at most one check-in every " + limiter.window().toMillis()
                                + " ms; retry after " + seconds + " s", request.getPath(), null));
    }
}
