package io.mooring.provisioner.resource;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.events.provisioning.ResourceKind;
import io.mooring.runtime.idempotency.IdempotentRequests;
import io.mooring.provisioner.operation.OperationView;
import io.mooring.provisioner.resource.work.WorkSignal;
import io.mooring.runtime.http.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import io.swagger.v3.oas.annotations.tags.Tag;

/** An account's databases, Redis namespaces, buckets and sites. Creating and deleting are asynchronous. */
@Tag(name = "resources")
@Controller("/v1/accounts/{accountId}/resources")
public class ResourceController {
    private final ResourceService service;
    private final ResourceRepository resources;
    private final AccountQuotas accounts;
    private final WorkSignal work;
    private final IdempotentRequests idempotent;

    public ResourceController(ResourceService service, ResourceRepository resources, AccountQuotas accounts, WorkSignal work,
                              IdempotentRequests idempotent) {
        this.idempotent = idempotent;
        this.service = service;
        this.resources = resources;
        this.accounts = accounts;
        this.work = work;
    }

    /** What an operator sends to create a resource; {@code domain} and {@code upstream} only for a site. */
    @Serdeable
    public record CreateResource(
            @NotBlank @Pattern(regexp = "postgres-database|redis-namespace|bucket|site",
                    message = "must be one of postgres-database, redis-namespace, bucket, site") String kind,
            @NotBlank @Pattern(regexp = "[a-z0-9_-]{1,40}",
                    message = "must be 1 to 40 lowercase letters, digits, '_' or '-'") String name,
            @Nullable String domain,
            @Nullable String upstream) {
    }

    /** With an {@code Idempotency-Key}, a retry returns the same operation instead of a second resource. */
    @Post
    public HttpResponse<?> create(HttpRequest<?> request, @PathVariable UUID accountId, @Body @Valid CreateResource body,
                                  @Nullable @Header(IdempotentRequests.HEADER) String idempotencyKey) {
        ResourceRequest checked = validate(body);
        return idempotent.run(request, idempotencyKey, body, () -> {
            ResourceService.Accepted accepted = service.request(accountId, checked);
            work.wakeUp();
            return accepted(accepted);
        });
    }

    @Get
    @Transactional
    public List<Resource> list(@PathVariable UUID accountId, @Nullable @QueryValue String kind) {
        requireAccount(accountId);
        if (kind == null) {
            return resources.findByAccountIdAndStateNotEqualOrderByCreatedAt(accountId, Resource.State.DELETED);
        }
        ResourceKind parsed = field("kind", () -> ResourceKind.fromWire(kind));
        return resources.findByAccountIdAndKindAndStateNotEqualOrderByCreatedAt(accountId, parsed.wireName(), Resource.State.DELETED);
    }

    /** The resource, also once it is DELETED. */
    @Get("/{resourceId}")
    @Transactional
    public Resource get(@PathVariable UUID accountId, @PathVariable UUID resourceId) {
        requireAccount(accountId);
        return resources.findByIdAndAccountId(resourceId, accountId)
                .orElseThrow(() -> ProblemException.notFound("resource", resourceId));
    }

    /**
     * A new password for a database or Redis namespace, shown once in the operation's result like the
     * first. With an {@code Idempotency-Key}, a retry answers the same operation.
     */
    @Post("/{resourceId}/rotate-credentials")
    public HttpResponse<?> rotateCredentials(HttpRequest<?> request, @PathVariable UUID accountId, @PathVariable UUID resourceId,
                                             @Nullable @Header(IdempotentRequests.HEADER) String idempotencyKey) {
        return idempotent.run(request, idempotencyKey, Map.of(), () -> {
            ResourceService.Accepted accepted = service.rotateCredentials(accountId, resourceId);
            work.wakeUp();
            return accepted(accepted);
        });
    }

    @Delete("/{resourceId}")
    public HttpResponse<OperationView> delete(@PathVariable UUID accountId, @PathVariable UUID resourceId) {
        ResourceService.Accepted accepted = service.delete(accountId, resourceId);
        work.wakeUp();
        return accepted(accepted);
    }

    private static MutableHttpResponse<OperationView> accepted(ResourceService.Accepted accepted) {
        return HttpResponse.accepted(URI.create("/v1/operations/" + accepted.operation().id()))
                .body(OperationView.of(accepted.operation()));
    }

    private void requireAccount(UUID accountId) {
        if (accounts.find(accountId).isEmpty()) {
            throw ProblemException.notFound("account", accountId);
        }
    }

    static ResourceRequest validate(CreateResource body) {
        ResourceKind kind = field("kind", () -> ResourceKind.fromWire(body.kind()));
        ResourceName name = field("name", () -> new ResourceName(kind, body.name()));
        if (kind != ResourceKind.SITE) {
            if (body.domain() != null) {
                throw ProblemException.invalid("domain", "only a site has a domain");
            }
            if (body.upstream() != null) {
                throw ProblemException.invalid("upstream", "only a site has an upstream");
            }
            return new ResourceRequest(name, null, null);
        }
        SiteDomain domain = field("domain", () -> SiteDomain.parse(body.domain()));
        Upstream upstream = field("upstream", () -> new Upstream(body.upstream()));
        return new ResourceRequest(name, domain, upstream);
    }

    private static <T> T field(String field, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, e.getMessage());
        }
    }
}
