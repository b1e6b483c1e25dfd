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

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;

/**
 * The public status page, its JSON and badges: no token, only public groups and their monitors.
 * Answers may be cached for 30 seconds, so visitors and proxies can take the load; the page and its JSON are
 * also kept rendered for {@code mooring.status.cache-ttl} (each shows when it was taken), and only one request
 * at a time renders a page that is not kept.
 */
@Tag(name = "status")
@SecurityRequirements
@Controller
public class StatusController {
    static final String CACHE = "public, max-age=30";
    static final String SVG = "image/svg+xml";
    private static final int MAX_PAGE = 100_000;

    private static final int KEPT_PAGES = 1_000;

    private final PublicStatus status;
    private final StatusPageHtml html;
    private final Cache<Page, Object> rendered;

    public StatusController(PublicStatus status, Clock clock, @Value("${mooring.status.title:Status}") String title,
                            @Value("${mooring.status.cache-ttl:10s}") Duration cacheTtl) {
        this.status = status;
        this.html = new StatusPageHtml(title);
        if (cacheTtl.isNegative()) {
            throw new IllegalArgumentException("mooring.status.cache-ttl must not be negative, not " + cacheTtl);
        }
        this.rendered = Caffeine.newBuilder().ticker(() -> clock.millis() * 1_000_000L).expireAfterWrite(cacheTtl)
                .maximumSize(cacheTtl.isZero() ? 0 : KEPT_PAGES).build();
    }

    /** A page of the status page or its JSON, as a visitor asks for it. */
    private record Page(boolean json, @Nullable String group, @Nullable String page) {
    }

    private <T> T kept(Page page, Function<Page, T> render) {
        @SuppressWarnings("unchecked")
        T value = (T) rendered.get(page, render::apply);
        return value;
    }

    @Get(uri = "/status", produces = MediaType.TEXT_HTML)
    @Operation(summary = "The public status page", description = "HTML. Pages of public groups (?page=), or one public "
            + "group's monitors (?group=&page=).")
    public HttpResponse<String> page(@QueryValue @Nullable String group, @QueryValue @Nullable String page) {
        String body = kept(new Page(false, group, page), p -> html.render(snapshot(p.group(), p.page())));
        return cacheable(HttpResponse.ok(body)
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'")
                .header("X-Content-Type-Options", "nosniff"));
    }

    @Get(uri = "/status.json", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The public status page as JSON", description = "The same groups, monitors and incidents as /status.")
    public HttpResponse<StatusJson> json(@QueryValue @Nullable String group, @QueryValue @Nullable String page) {
        StatusJson body = kept(new Page(true, group, page), p -> StatusJson.of(snapshot(p.group(), p.page())));
        return cacheable(HttpResponse.ok(body));
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
