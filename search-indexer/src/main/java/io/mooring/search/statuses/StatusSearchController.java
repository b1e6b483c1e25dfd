package io.mooring.search.statuses;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.mooring.runtime.auth.Scope;
import io.mooring.runtime.http.Problem;
import io.mooring.runtime.http.ProblemException;
import io.mooring.search.index.SearchReads;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/**
 * Full-text search of statuses. A {@code search} token (a trusted front end) may name the account it
 * searches for in the {@code Mooring-Acting-*} headers; without one, and for read and operator tokens,
 * only public statuses of authors who opted in to search are found.
 */
@Tag(name = "search")
@Controller("/v1/search/statuses")
public class StatusSearchController {
    public static final String ACTING_SOURCE = "Mooring-Acting-Source";
    public static final String ACTING_ACCOUNT = "Mooring-Acting-Account";
    public static final String ACTING_HANDLE = "Mooring-Acting-Handle";
    private static final List<String> ACTING = List.of(ACTING_SOURCE, ACTING_ACCOUNT, ACTING_HANDLE);

    private final StatusSearch search;
    private final SearchReads reads;
    private final FrontEnds frontEnds;

    public StatusSearchController(StatusSearch search, SearchReads reads, FrontEnds frontEnds) {
        this.search = search;
        this.reads = reads;
        this.frontEnds = frontEnds;
    }

    /**
     * Finds statuses. Bad parameters answer 400 naming the parameter.
     *
     * @param q        words and "phrases" (all must match), #hashtag, @mention, from:user[@domain] or from:me,
     *                 before:/after: a day (2026-11-30) or an ISO-8601 instant; at most 500 characters
     * @param language a BCP 47 tag such as de: statuses in that language or a regional variant of it
     * @param order    relevance (default) or newest
     * @param size     statuses per page, 1 to 40, default 20
     * @param cursor   the nextCursor of the previous page of the same search
     */
    @Get
    public StatusResults search(HttpRequest<?> request, @QueryValue @Nullable String q, @QueryValue @Nullable String language,
                                @QueryValue @Nullable String order, @QueryValue @Nullable String size,
                                @QueryValue @Nullable String cursor,
                                @Parameter(description = "search tokens only: the acting account's instance, as statuses name their source")
                                @Header(ACTING_SOURCE) @Nullable String actingSource,
                                @Parameter(description = "search tokens only: the acting account's id on its instance")
                                @Header(ACTING_ACCOUNT) @Nullable String actingAccount,
                                @Parameter(description = "search tokens only: the acting account's handle on its instance, as mentions name it")
                                @Header(ACTING_HANDLE) @Nullable String actingHandle) {
        ActingAccount reader = readerOf(request);
        StatusSearchRequest query = StatusSearchRequest.parse(q, language, order, size, cursor, reader);
        return reads.read("statuses", () -> search.search(query));
    }

    /**
     * The acting account the headers name: all three or none, only for a search token, and on an
     * instance the token may act for.
     */
    private ActingAccount readerOf(HttpRequest<?> request) {
        List<String> given = ACTING.stream().filter(h -> request.getHeaders().contains(h)).toList();
        if (given.isEmpty()) {
            return null;
        }
        if (request.getAttribute(Scope.ATTRIBUTE, Scope.class).orElse(null) != Scope.SEARCH) {
            throw ProblemException.invalid(given.getFirst(), "only a search token may name an acting account");
        }
        for (String header : ACTING) {
            if (!given.contains(header)) {
                throw ProblemException.invalid(header, "is required with " + given.getFirst());
            }
        }
        ActingAccount reader = new ActingAccount(header(request, ACTING_SOURCE), header(request, ACTING_ACCOUNT),
                header(request, ACTING_HANDLE));
        String token = request.getHeaders().getAuthorization().map(h -> h.substring(7).trim()).orElse("");
        frontEnds.sourcesOf(token).filter(sources -> !sources.contains(reader.source())).ifPresent(sources -> {
            String message = "this search token may act only for accounts of " + String.join(", ", sources);
            throw new ProblemException(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", ACTING_SOURCE + ": " + message,
                    List.of(new Problem.FieldError(ACTING_SOURCE, message)));
        });
        return reader;
    }

    private static String header(HttpRequest<?> request, String name) {
        List<String> values = request.getHeaders().getAll(name);
        if (values.size() != 1) {
            throw ProblemException.invalid(name, "must be given once");
        }
        String value = values.getFirst().strip();
        if (!ActingAccount.acceptable(value)) {
            throw ProblemException.invalid(name, "must be 1 to 200 characters without spaces or control characters");
        }
        return value;
    }
}
