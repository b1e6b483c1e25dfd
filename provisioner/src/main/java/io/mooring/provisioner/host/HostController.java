package io.mooring.provisioner.host;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.events.provisioning.HostRegistered;
import io.mooring.runtime.Ids;
import io.mooring.runtime.http.ProblemException;
import io.mooring.runtime.outbox.Outbox;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Controller("/v1/hosts")
public class HostController {
    private final HostRepository hosts;
    private final Outbox outbox;
    private final Clock clock;

    public HostController(HostRepository hosts, Outbox outbox, Clock clock) {
        this.hosts = hosts;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What an operator sends to register a host. */
    @Serdeable
    public record RegisterHost(
            @NotBlank @Pattern(regexp = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?", message = "must be a lowercase DNS label") String name,
            @NotBlank @Pattern(regexp = "[a-z0-9-]{1,32}", message = "must be 1-32 lowercase letters, digits or dashes") String datacenter,
            @Min(1) @Max(1024) int cpuCores,
            @Min(256) long memoryMb,
            @Min(1) long diskGb,
            @Nullable Map<String, String> labels) {
    }

    @Post
    @Transactional
    public HttpResponse<Host> register(@Body @Valid RegisterHost request) {
        if (hosts.existsByName(request.name())) {
            throw ProblemException.conflict("host-exists", "a host named " + request.name() + " is already registered");
        }
        Map<String, String> labels = request.labels() == null ? Map.of() : Map.copyOf(request.labels());
        Host host = hosts.save(new Host(Ids.next(), request.name(), request.datacenter(), request.cpuCores(),
                request.memoryMb(), request.diskGb(), labels, false, clock.instant()));
        outbox.append(new HostRegistered(host.id().toString(), host.name(), host.datacenter(), host.cpuCores(),
                host.memoryMb(), host.diskGb(), labels));
        return HttpResponse.created(host, URI.create("/v1/hosts/" + host.id()));
    }

    @Get
    public List<Host> list() {
        return hosts.listOrderByCreatedAt();
    }

    @Get("/{id}")
    public Host get(@PathVariable UUID id) {
        return hosts.findById(id).orElseThrow(() -> ProblemException.notFound("host", id));
    }
}
