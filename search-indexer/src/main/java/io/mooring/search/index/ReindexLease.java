package io.mooring.search.index;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch.core.GetResponse;
import org.opensearch.client.transport.httpclient5.ResponseException;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Which operation may reindex an index, across replicas: the document {@code lease-<name>} of the operations index,
 * created only if absent, kept alive by its holder's heartbeat and replaced only by whoever read its current
 * sequence number, so that two replicas never hold it at once.
 *
 * @param operation  the operation that holds it
 * @param renewedAt  its holder's last heartbeat; an expired lease's holder is taken to be gone
 * @param seqNo      with {@code primaryTerm}, the document's version as last read or written
 */
record ReindexLease(String name, UUID operation, Instant renewedAt, long seqNo, long primaryTerm) {

    static String id(String name) {
        return "lease-" + name;
    }

    /** Creates the lease of {@code name} for the operation; empty when another holds it. */
    static Optional<ReindexLease> create(OpenSearchClient client, String alias, String name, UUID operation, Instant at)
            throws IOException {
        try {
            var written = client.create(c -> c.index(alias).id(id(name)).document(document(name, operation, at))
                    .refresh(Refresh.True));
            return Optional.of(new ReindexLease(name, operation, at, written.seqNo(), written.primaryTerm()));
        } catch (OpenSearchException | ResponseException e) {
            if (status(e) == 409) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The lease of {@code name}, if one exists. */
    @SuppressWarnings("unchecked")
    static Optional<ReindexLease> read(OpenSearchClient client, String alias, String name) throws IOException {
        GetResponse<Map> found = client.get(g -> g.index(alias).id(id(name)), Map.class);
        if (!found.found() || found.source() == null) {
            return Optional.empty();
        }
        Map<String, Object> doc = found.source();
        return Optional.of(new ReindexLease(name, UUID.fromString((String) doc.get("id")),
                Instant.parse((String) doc.get("updatedAt")), found.seqNo(), found.primaryTerm()));
    }

    boolean expired(Instant now, Duration duration) {
        return !renewedAt.plus(duration).isAfter(now);
    }

    /**
     * The lease for {@code operation} renewed at {@code at}, if this is still its current version; empty when another
     * replica replaced or removed it meanwhile.
     */
    Optional<ReindexLease> renew(OpenSearchClient client, String alias, UUID operation, Instant at) throws IOException {
        try {
            var written = client.index(i -> i.index(alias).id(id(name)).document(document(name, operation, at))
                    .ifSeqNo(seqNo).ifPrimaryTerm(primaryTerm).refresh(Refresh.True));
            return Optional.of(new ReindexLease(name, operation, at, written.seqNo(), written.primaryTerm()));
        } catch (OpenSearchException | ResponseException e) {
            if (status(e) == 409 || status(e) == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Removes the lease if this is still its current version. */
    void release(OpenSearchClient client, String alias) throws IOException {
        try {
            client.delete(d -> d.index(alias).id(id(name)).ifSeqNo(seqNo).ifPrimaryTerm(primaryTerm).refresh(Refresh.True));
        } catch (OpenSearchException | ResponseException e) {
            if (status(e) != 409 && status(e) != 404) {
                throw e;
            }
        }
    }

    /** The HTTP status of an answer the client refused (the transport reports some as {@link ResponseException}). */
    private static int status(Exception refused) {
        return refused instanceof ResponseException response ? response.status() : ((OpenSearchException) refused).status();
    }

    private static Map<String, Object> document(String name, UUID operation, Instant at) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", operation.toString());
        doc.put("index", name);
        doc.put("phase", "lease");
        doc.put("updatedAt", at.toString());
        return doc;
    }
}
