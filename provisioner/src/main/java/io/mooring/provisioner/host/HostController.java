package io.mooring.provisioner.host;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.mooring.provisioner.lookup.IdOrName;
import io.mooring.provisioner.lookup.NameFilter;
import io.mooring.runtime.idempotency.IdempotentRequests;
import io.mooring.runtime.paging.Page;
import io.mooring.runtime.paging.PageRequest;
import io.mooring.provisioner.placement.Labels;
import io.mooring.runtime.http.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import io.swagger.v3.oas.annotations.tags.Tag;

@Tag(name = "hosts")
@Controller("/v1/hosts")
public class HostController {
    private final HostRegistry registry;
    private final HostRepository hosts;
    private final IdempotentRequests idempotent;
    private final JsonMapper json;

    public HostController(HostRegistry registry, HostRepository hosts, IdempotentRequests idempotent, JsonMapper json) {
        this.registry = registry;
        this.hosts = hosts;
        this.idempotent = idempotent;
        this.json = json;
    }

    @Post
    @Operation(summary = "Register a host", description = "Accepts an Idempotency-Key header.")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = Host.class)))
    public HttpResponse<?> register(HttpRequest<?> request, @Body @Valid RegisterHost body,
                                    @Nullable @Header(IdempotentRequests.HEADER) String idempotencyKey) {
        RegisterHost checked = body.checked();
        return idempotent.run(request, idempotencyKey, checked, () -> {
            Host host = registry.register(checked);
            return HttpResponse.created(host, URI.create("/v1/hosts/" + host.id()));
        });
    }

    /**
     * Hosts in id (registration) order, a page at a time.
     *
     * @param name     exact name
     * @param label    {@code key:value}; repeat it to require several labels
     * @param cursor   the {@code nextCursor} of the previous page
     */
    @Get
    public Page<Host> list(@Nullable @QueryValue String name, @Nullable @QueryValue String datacenter,
                           @Nullable @QueryValue List<String> label,
                           @Nullable @QueryValue Boolean cordoned, @Nullable @QueryValue Integer limit,
                           @Nullable @QueryValue String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return Page.of(hosts.page(NameFilter.exact(name, "name"), datacenter, labelFilter(label), cordoned, page.after(),
                page.fetchSize()), page, Host::id);
    }

    /** By id or by name. */
    @Get("/{idOrName}")
    public Host get(@PathVariable String idOrName) {
        return switch (IdOrName.parse(idOrName, "idOrName")) {
            case IdOrName.Id id -> hosts.findById(id.id()).orElseThrow(() -> ProblemException.notFound("host", id.id()));
            case IdOrName.Name name -> hosts.findByName(name.name()).orElseThrow(() -> ProblemException.notFound("host named", name.name()));
        };
    }

    /** No new accounts are placed on the host; its accounts keep running. */
    @Post("/{id}/cordon")
    public Host cordon(@PathVariable UUID id) {
        return registry.cordon(id);
    }

    @Post("/{id}/uncordon")
    public Host uncordon(@PathVariable UUID id) {
        return registry.uncordon(id);
    }

    /** Removes an empty host: 409 while any account is on it. */
    @Delete("/{id}")
    public HttpResponse<Void> remove(@PathVariable UUID id) {
        registry.remove(id);
        return HttpResponse.noContent();
    }

    private @Nullable String labelFilter(@Nullable List<String> filters) {
        if (filters == null || filters.isEmpty()) {
            return null;
        }
        Map<String, String> required = new TreeMap<>();
        for (String filter : filters) {
            Map.Entry<String, String> label = Labels.parseFilter(filter, "label");
            required.put(label.getKey(), label.getValue());
        }
        try {
            return json.writeValueAsString(required);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
