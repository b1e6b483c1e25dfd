package io.mooring.search.timeline;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.mooring.search.index.SearchReads;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The timeline for a timeline view: a page of events and counts per type per day. Read scope is enough. */
@Tag(name = "events")
@Controller("/v1/search/events")
public class TimelineSearchController {
    private final TimelineStore store;
    private final SearchReads reads;

    public TimelineSearchController(TimelineStore store, SearchReads reads) {
        this.store = store;
        this.reads = reads;
    }

    /**
     * Searches the timeline, newest first, and counts what it matches per type and UTC day. Bad parameters answer 400
     * naming the parameter.
     *
     * @param q       full text over the summary, the body's values and the subject (simple query string syntax)
     * @param type    exact event type, e.g. mooring.backups.run.failed.v1, or a prefix ending in .*, e.g. mooring.backups.*
     * @param subject exact subject: the aggregate id
     * @param account an account id: the account's events and those of its resources, backup policies and monitors
     * @param source  the CloudEvents source, e.g. /mooring/provisioner, or the service's name, e.g. provisioner
     * @param from    ISO-8601 instant; events at or after it
     * @param to      ISO-8601 instant; events before it
     * @param size    entries per page, 1 to 100, default 20
     * @param cursor  the nextCursor of the previous page
     */
    @Get
    public TimelineCounts search(@QueryValue @Nullable String q, @QueryValue @Nullable String type,
                                 @QueryValue @Nullable String subject, @QueryValue @Nullable String account,
                                 @QueryValue @Nullable String source, @QueryValue @Nullable String from,
                                 @QueryValue @Nullable String to, @QueryValue @Nullable String size,
                                 @QueryValue @Nullable String cursor) {
        TimelineQuery query = TimelineQuery.parse(q, type, subject, account, source, from, to, size, cursor);
        return reads.read("timeline", () -> store.searchWithCounts(query));
    }
}
