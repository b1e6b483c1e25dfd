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
import io.mooring.chatops.delivery.LedgerUnavailableException;
import io.mooring.chatops.route.RouteRules.RouteRequest;
import io.mooring.chatops.webhook.ManagedTarget;
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
import java.util.stream.Collectors;

/** Routes: which events go to which targets (see {@link Route}); replace the targets' own filters once one exists. */
@Tag(name = "routes")
@Controller("/v1/routes")
public class RouteController {

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
        apiOwned(existing);
        Route checked = checked(id, request);
        Route replaced = new Route(id, checked.eventTypes(), checked.accountId(), checked.hostId(), checked.subjects(),
                checked.severities(), checked.targets(), Route.API, existing.createdAt());
        store(() -> {
            routes.save(replaced);
            return null;
        });
        return replaced;
    }

    @Delete("/{id}")
    public HttpResponse<Void> delete(@PathVariable UUID id) {
        apiOwned(get(id));
        if (!store(() -> routes.delete(id))) {
            throw ProblemException.notFound("route", id);
        }
        return HttpResponse.noContent();
    }

    private Route checked(UUID id, RouteRequest request) {
        Set<String> known = store(targets::managed).stream().map(ManagedTarget::name).collect(Collectors.toSet());
        return RouteRules.check(id, request, known, Route.API, clock.instant());
    }

    private static void apiOwned(Route route) {
        if (!Route.API.equals(route.source())) {
            throw ProblemException.conflict("read-only", "route " + route.id() + " comes from the targets file; "
                    + "change it there");
        }
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
