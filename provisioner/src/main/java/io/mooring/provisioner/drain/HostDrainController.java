package io.mooring.provisioner.drain;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.mooring.provisioner.operation.Operation;

import java.net.URI;
import java.util.UUID;
import io.swagger.v3.oas.annotations.tags.Tag;

@Tag(name = "hosts")
@Controller("/v1/hosts/{id}/drain")
public class HostDrainController {
    private final HostDrains drains;

    public HostDrainController(HostDrains drains) {
        this.drains = drains;
    }

    /**
     * Cordons the host and moves every account off it, one at a time, to where placement chooses.
     * Follow the operation ({@code Location}) to see it end: SUCCEEDED, or FAILED with the account
     * that fits nowhere.
     */
    @Post
    public HttpResponse<Operation> drain(@PathVariable UUID id) {
        Operation operation = drains.start(id);
        return HttpResponse.accepted(URI.create("/v1/operations/" + operation.id())).body(operation);
    }
}
