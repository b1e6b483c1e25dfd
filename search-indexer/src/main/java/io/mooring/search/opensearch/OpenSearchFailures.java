package io.mooring.search.opensearch;

import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.transport.httpclient5.ResponseException;

import javax.net.ssl.SSLHandshakeException;

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

    /**
     * The reason OpenSearch gave, or the exception's message; refused credentials and untrusted
     * certificates name the settings to check.
     */
    public static String describe(Throwable failure) {
        if (failure instanceof OpenSearchException e && e.error() != null) {
            return e.status() + " " + e.error().type() + ": " + e.error().reason();
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ResponseException response && (response.status() == 401 || response.status() == 403)) {
                return response.status() + ": credentials refused, check mooring.opensearch.username and "
                        + "mooring.opensearch.password (" + failure + ")";
            }
            if (cause instanceof SSLHandshakeException) {
                return "TLS handshake failed, check mooring.opensearch.url and mooring.opensearch.ca-file ("
                        + cause.getMessage() + ")";
            }
        }
        return failure.toString();
    }
}
