package io.mooring.provisioner.desiredstate;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.mooring.runtime.http.ProblemException;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.util.UUID;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A host's desired state, computed on every read; it reads Postgres, so off the event loop. */
@Tag(name = "hosts")
@Controller("/v1/hosts")
public class DesiredStateController {
    private final DesiredStates desiredStates;

    public DesiredStateController(DesiredStates desiredStates) {
        this.desiredStates = desiredStates;
    }

    /**
     * What the host should run: a systemd slice unit per account and the nginx site configuration.
     * The {@code ETag} changes exactly when the content does; an agent polls with
     * {@code If-None-Match} and gets {@code 304 Not Modified} (no body) while nothing changed.
     */
    @Get("/{id}/desired-state")
    @ApiResponse(responseCode = "200", description = "the desired state, with its ETag")
    @ApiResponse(responseCode = "304", description = "If-None-Match names the current ETag: unchanged, no body")
    @ApiResponse(responseCode = "404", description = "no such host")
    public HttpResponse<DesiredState> desiredState(@PathVariable UUID id,
                                                  @Header(HttpHeaders.IF_NONE_MATCH) @Nullable String ifNoneMatch) {
        DesiredState state = desiredStates.of(id).orElseThrow(() -> ProblemException.notFound("host", id));
        EntityTag tag = new EntityTag(state.etag());
        if (tag.matches(ifNoneMatch)) {
            return HttpResponse.<DesiredState>status(HttpStatus.NOT_MODIFIED)
                    .header(HttpHeaders.ETAG, tag.header())
                    .header(HttpHeaders.CACHE_CONTROL, "no-cache");
        }
        return HttpResponse.ok(state)
                .header(HttpHeaders.ETAG, tag.header())
                .header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }
}
