package io.mooring.search.index;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.mooring.runtime.http.ProblemException;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

/** Index management: a zero-downtime reindex with the current mapping, as an operation with progress. Operators only. */
@Tag(name = "indices")
@Controller("/v1")
public class IndexController {
    private final Reindexer reindexer;
    private final SearchReads reads;

    public IndexController(Reindexer reindexer, SearchReads reads) {
        this.reindexer = reindexer;
        this.reads = reads;
    }

    /**
     * Starts rebuilding an index from the one behind its alias; answers 202 with the operation (its
     * URL in Location). 409 while a reindex of the same index runs, 404 for an unknown name.
     *
     * @param name the index, e.g. statuses
     */
    @Post("/indices/{name}/reindex")
    public HttpResponse<ReindexStatus> reindex(@PathVariable String name) {
        if (!reindexer.names().contains(name)) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "not-found", "Not found",
                    "no index " + name + " to reindex; reindexable: " + String.join(", ", reindexer.names().stream().sorted().toList()));
        }
        try {
            ReindexStatus status = reads.read(name, () -> reindexer.start(name));
            return HttpResponse.<ReindexStatus>status(HttpStatus.ACCEPTED).body(status)
                    .headers(h -> h.location(URI.create("/v1/operations/" + status.id())));
        } catch (ReindexRefused e) {
            if (e.runningOperation() == null) {
                throw new ProblemException(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
            }
            throw ProblemException.conflict("reindex-running", e.getMessage());
        }
    }

    /**
     * A reindex operation, started by any replica: phase and progress.
     *
     * @param id the operation id, a UUID
     */
    @Get("/operations/{id}")
    public ReindexStatus operation(@PathVariable String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("id", "must be a UUID");
        }
        return reads.read("operations", () -> reindexer.find(uuid)).orElseThrow(() -> ProblemException.notFound("operation", id));
    }
}
