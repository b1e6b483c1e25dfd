package io.mooring.search.index;

import io.micronaut.http.HttpStatus;
import io.mooring.runtime.http.ProblemException;
import io.mooring.search.opensearch.OpenSearchFailures;
import jakarta.inject.Singleton;
import org.opensearch.client.opensearch._types.ErrorCause;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Runs the API's reads of OpenSearch and answers their failures the same way for every endpoint: 503
 * while the indices are not set up or OpenSearch cannot answer; 400 naming {@code q} when OpenSearch
 * finds a caller's words too many or too long to run; any other refusal is this service's fault (500).
 */
@Singleton
public class SearchReads {
    private static final Logger LOG = LoggerFactory.getLogger(SearchReads.class);

    private final IndexBootstrap indices;

    public SearchReads(IndexBootstrap indices) {
        this.indices = indices;
    }

    /** A read of OpenSearch. */
    public interface Read<T> {
        T run() throws Exception;
    }

    /**
     * @param what what is read, for messages, e.g. {@code timeline}
     */
    public <T> T read(String what, Read<T> read) {
        if (!indices.allReady()) {
            throw unavailable("the " + what + " index is not set up yet");
        }
        try {
            return read.run();
        } catch (ProblemException | ReindexRefused e) {
            throw e;
        } catch (Exception e) {
            if (OpenSearchFailures.isPermanent(e)) {
                if (tooComplex((OpenSearchException) e)) {
                    LOG.info("a {} query was too complex: {}", what, OpenSearchFailures.describe(e));
                    throw ProblemException.invalid("q", "is too complex to run: use fewer or shorter words");
                }
                throw new IllegalStateException("OpenSearch refused a " + what + " query: " + OpenSearchFailures.describe(e), e);
            }
            LOG.warn("{} read failed: {}", what, OpenSearchFailures.describe(e));
            throw unavailable("OpenSearch cannot answer right now");
        }
    }

    /** Too many clauses: what a query of many words, or of words that split into many terms, runs into. */
    private static boolean tooComplex(OpenSearchException e) {
        return e.error() != null && mentionsClauses(e.error());
    }

    private static boolean mentionsClauses(ErrorCause cause) {
        if (cause == null) {
            return false;
        }
        String text = (cause.type() + " " + cause.reason()).toLowerCase(Locale.ROOT);
        if (text.contains("too_many_clauses") || text.contains("too_many_nested_clauses") || text.contains("maxclausecount")
                || text.contains("too many clauses") || text.contains("too many nested clauses")) {
            return true;
        }
        return mentionsClauses(cause.causedBy()) || cause.rootCause().stream().anyMatch(SearchReads::mentionsClauses);
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "Search store unavailable",
                detail + "; try again shortly");
    }
}
