package io.mooring.search.opensearch;

import org.opensearch.client.opensearch._types.OpenSearchException;

/**
 * Sorts OpenSearch errors once, where they happen. A request OpenSearch rejects as malformed
 * (status 400: a mapping or parsing error) fails the same way on every retry; everything else
 * (unreachable, timeouts, 429, 5xx, an index or alias not created yet) may pass later.
 */
public final class OpenSearchFailures {

    private OpenSearchFailures() {
    }

    public static boolean isPermanent(Throwable failure) {
        return failure instanceof OpenSearchException e && e.status() == 400;
    }

    /** The reason OpenSearch gave, or the exception's message. */
    public static String describe(Throwable failure) {
        if (failure instanceof OpenSearchException e && e.error() != null) {
            return e.status() + " " + e.error().type() + ": " + e.error().reason();
        }
        return failure.toString();
    }
}
