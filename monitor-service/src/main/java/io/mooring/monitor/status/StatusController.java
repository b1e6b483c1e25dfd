package io.mooring.monitor.status;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.mooring.runtime.http.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.UUID;

/**
 * The public status page, its JSON and badges: no token, only public groups and their monitors.
 * Answers may be cached for 30 seconds, so visitors and proxies can take the load.
 */
@Tag(name = "status")
@SecurityRequirements
@Controller
public class StatusController {
    static final String CACHE = "public, max-age=30";
    static final String SVG = "image/svg+xml";
    private static final int MAX_PAGE = 100_000;

    private final PublicStatus status;
    private final StatusPageHtml html;

    public StatusController(PublicStatus status, @Value("${mooring.status.title:Status}") String title) {
        this.status = status;
        this.html = new StatusPageHtml(title);
    }

    @Get(uri = "/status", produces = MediaType.TEXT_HTML)
    @Operation(summary = "The public status page", description = "HTML. Pages of public groups (?page=), or one public "
            + "group's monitors (?group=&page=).")
    public HttpResponse<String> page(@QueryValue @Nullable String group, @QueryValue @Nullable String page) {
        return cacheable(HttpResponse.ok(html.render(snapshot(group, page)))
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'")
                .header("X-Content-Type-Options", "nosniff"));
    }

    @Get(uri = "/status.json", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The public status page as JSON", description = "The same groups, monitors and incidents as /status.")
    public HttpResponse<StatusJson> json(@QueryValue @Nullable String group, @QueryValue @Nullable String page) {
        return cacheable(HttpResponse.ok(StatusJson.of(snapshot(group, page))));
    }

    @Get(uri = "/status/badges/monitors/{id}.svg", produces = SVG)
    @Operation(summary = "A badge of a public monitor", description = "Its state and 30-day uptime; 404 unless it is in a public group.")
    public HttpResponse<String> monitorBadge(@PathVariable String id) {
        UUID monitorId = uuid("id", id);
        PublicStatus.Badge badge = status.monitorBadge(monitorId)
                .orElseThrow(() -> ProblemException.notFound("public monitor", monitorId));
        return cacheable(HttpResponse.ok(StatusBadges.svg(badge)).contentType(SVG));
    }

    @Get(uri = "/status/badges/groups/{id}.svg", produces = SVG)
    @Operation(summary = "A badge of a public group", description = "Its worst member's state and its members' 30-day uptime; 404 unless public.")
    public HttpResponse<String> groupBadge(@PathVariable String id) {
        UUID groupId = uuid("id", id);
        PublicStatus.Badge badge = status.groupBadge(groupId)
                .orElseThrow(() -> ProblemException.notFound("public group", groupId));
        return cacheable(HttpResponse.ok(StatusBadges.svg(badge)).contentType(SVG));
    }

    private StatusSnapshot snapshot(@Nullable String group, @Nullable String page) {
        int number = page == null || page.isBlank() ? 1 : pageNumber(page);
        StatusSnapshot snapshot;
        if (group == null || group.isBlank()) {
            snapshot = status.overview(number);
        } else {
            UUID groupId = uuid("group", group);
            snapshot = status.group(groupId, number).orElseThrow(() -> ProblemException.notFound("public group", groupId));
        }
        if (snapshot.page() > snapshot.pages()) {
            throw ProblemException.notFound("status page", snapshot.page());
        }
        return snapshot;
    }

    private static int pageNumber(String page) {
        try {
            int number = Integer.parseInt(page);
            if (number >= 1 && number <= MAX_PAGE) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid("page", "must be a whole number from 1 to " + MAX_PAGE);
    }

    private static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "must be a UUID");
        }
    }

    private static <T> MutableHttpResponse<T> cacheable(MutableHttpResponse<T> response) {
        return response.header(HttpHeaders.CACHE_CONTROL, CACHE);
    }
}
