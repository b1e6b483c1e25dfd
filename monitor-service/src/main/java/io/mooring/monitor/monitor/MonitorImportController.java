package io.mooring.monitor.monitor;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.runtime.idempotency.IdempotentRequests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

@Tag(name = "monitors")
@Controller("/v1/monitors")
public class MonitorImportController {
    static final String NDJSON = "application/x-ndjson";

    private final MonitorImport imports;
    private final IdempotentRequests idempotent;
    private final int maxItems;

    public MonitorImportController(MonitorImport imports, IdempotentRequests idempotent,
                                   @Value("${mooring.monitor.import-max-items:10000}") int maxItems) {
        this.imports = imports;
        this.idempotent = idempotent;
        this.maxItems = maxItems;
    }

    /** The answer to an import: every monitor created, in the order sent. */
    @Serdeable
    public record Imported(int created, List<ImportedItem> items) {
    }

    /** One monitor created: its position in the array (or its line in NDJSON) and the monitor, heartbeat token included. */
    @Serdeable
    public record ImportedItem(int index, @Nullable Integer line, MonitorView monitor) {
    }

    /** The body as the idempotency fingerprint sees it. */
    @Serdeable
    record ImportBody(String contentType, String body) {
    }

    @Post("/import")
    @Consumes({MediaType.APPLICATION_JSON, NDJSON})
    @Operation(summary = "Import monitors", description = "A JSON array of monitors as POST /v1/monitors takes them, or "
            + "NDJSON (application/x-ndjson, one a line). All or nothing: every item is validated first; when any "
            + "fails, nothing is created and the 400 problem names each failed field as [index].field (NDJSON: "
            + "'line N: field'). Accepts an Idempotency-Key header.")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = Imported.class)))
    public HttpResponse<?> importMonitors(HttpRequest<?> http, @Body String body,
                                          @Nullable @Header(IdempotentRequests.HEADER) String idempotencyKey) {
        boolean ndjson = http.getContentType().map(type -> type.getName().equals(NDJSON)).orElse(false);
        // validated inside: a replay must not be refused for the names its first run took
        return idempotent.run(http, idempotencyKey, new ImportBody(ndjson ? NDJSON : MediaType.APPLICATION_JSON, body), () -> {
            List<MonitorImport.Item> items = imports.read(body, ndjson, maxItems);
            List<ImportedItem> created = imports.create(items).stream()
                    .map(c -> new ImportedItem(c.index(), c.line() == 0 ? null : c.line(), MonitorView.of(c.registered()))).toList();
            return HttpResponse.created(new Imported(created.size(), created));
        });
    }
}
