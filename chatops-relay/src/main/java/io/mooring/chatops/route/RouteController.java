package io.mooring.chatops.route;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.chatops.delivery.LedgerUnavailableException;
import io.mooring.chatops.webhook.WebhookTarget;
import io.mooring.chatops.webhook.WebhookTargets;
import io.mooring.runtime.Ids;
import io.mooring.runtime.http.ProblemException;
import io.mooring.runtime.idempotency.IdempotentRequests;
import io.mooring.runtime.paging.Page;
import io.mooring.runtime.paging.PageRequest;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Routes: which events go to which targets (see {@link Route}); replace the targets' own filters once one exists. */
@Tag(name = "routes")
@Controller("/v1/routes")
public class RouteController {
    static final int MAX_ENTRIES = 20;
    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,199}\\*?|\\*");
    private static final Set<String> SEVERITIES = Set.of("minor", "major", "critical");

    private final Routes routes;
    private final WebhookTargets targets;
    private final IdempotentRequests idempotent;
    private final Clock clock;

    RouteController(Routes routes, WebhookTargets targets, IdempotentRequests idempotent, Clock clock) {
        this.routes = routes;
        this.targets = targets;
        this.idempotent = idempotent;
        this.clock = clock;
    }

    /**
     * A route as sent.
     *
     * @param eventTypes event types, or prefixes ending in {@code *} ({@code mooring.monitoring.*}, or {@code *})
     * @param accountId  only events of this account
     * @param severities only events with one of these severities ({@code minor}, {@code major}, {@code critical})
     * @param targets    names of configured targets
     */
    @Serdeable
    public record RouteRequest(@Nullable List<String> eventTypes, @Nullable String accountId,
                               @Nullable List<String> severities, @Nullable List<String> targets) {
    }

    @Post
    public HttpResponse<?> create(HttpRequest<?> http, @Body RouteRequest request,
                                  @Nullable @Header(IdempotentRequests.HEADER) String idempotencyKey) {
        Route checked = checked(Ids.next(), request);
        return idempotent.run(http, idempotencyKey, request, () -> {
            store(() -> {
                routes.save(checked);
                return null;
            });
            return HttpResponse.created(checked, URI.create("/v1/routes/" + checked.id()));
        });
    }

    /** Routes, oldest first, in pages of {@code limit} (1 to 200, default 50). */
    @Get
    public Page<Route> list(@QueryValue @Nullable Integer limit, @QueryValue @Nullable String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        List<Route> fetched = store(routes::all).stream()
                .filter(r -> page.after() == null || r.id().compareTo(page.after()) > 0)
                .limit(page.fetchSize()).toList();
        return Page.of(fetched, page, Route::id);
    }

    @Get("/{id}")
    public Route get(@PathVariable UUID id) {
        return store(() -> routes.find(id)).orElseThrow(() -> ProblemException.notFound("route", id));
    }

    /** Replaces the route's matching and targets. */
    @Put("/{id}")
    public Route replace(@PathVariable UUID id, @Body RouteRequest request) {
        Route existing = get(id);
        Route checked = checked(id, request);
        Route replaced = new Route(id, checked.eventTypes(), checked.accountId(), checked.severities(), checked.targets(),
                existing.createdAt());
        store(() -> {
            routes.save(replaced);
            return null;
        });
        return replaced;
    }

    @Delete("/{id}")
    public HttpResponse<Void> delete(@PathVariable UUID id) {
        if (!store(() -> routes.delete(id))) {
            throw ProblemException.notFound("route", id);
        }
        return HttpResponse.noContent();
    }

    private Route checked(UUID id, RouteRequest request) {
        List<String> types = entries("eventTypes", request.eventTypes(), true);
        for (String type : types) {
            if (!TYPE.matcher(type).matches()) {
                throw ProblemException.invalid("eventTypes", "'" + type + "' is not an event type or a prefix ending in *");
            }
        }
        String account = request.accountId();
        if (account != null && (account.isBlank() || account.length() > 200)) {
            throw ProblemException.invalid("accountId", "must be 1 to 200 characters when given");
        }
        List<String> severities = entries("severities", request.severities(), false);
        for (String severity : severities) {
            if (!SEVERITIES.contains(severity)) {
                throw ProblemException.invalid("severities", "'" + severity + "' is not one of " + SEVERITIES);
            }
        }
        List<String> names = entries("targets", request.targets(), true);
        Set<String> known = targets.all().stream().map(WebhookTarget::name).collect(Collectors.toSet());
        for (String name : names) {
            if (!known.contains(name)) {
                throw ProblemException.invalid("targets", "'" + name + "' is not a configured target");
            }
        }
        return new Route(id, types, account, severities, names, clock.instant());
    }

    private static List<String> entries(String field, @Nullable List<String> values, boolean required) {
        if (values == null || values.isEmpty()) {
            if (required) {
                throw ProblemException.invalid(field, "must list at least one entry");
            }
            return List.of();
        }
        if (values.size() > MAX_ENTRIES) {
            throw ProblemException.invalid(field, "must list at most " + MAX_ENTRIES + " entries");
        }
        if (values.stream().anyMatch(v -> v == null || v.isBlank())) {
            throw ProblemException.invalid(field, "must not contain blank entries");
        }
        return values.stream().map(String::strip).distinct().toList();
    }

    private static <T> T store(Supplier<T> action) {
        try {
            return action.get();
        } catch (LedgerUnavailableException e) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "Store unavailable",
                    "the routes cannot be read or written now; try again later");
        }
    }
}
