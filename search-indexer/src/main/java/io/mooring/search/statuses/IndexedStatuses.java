package io.mooring.search.statuses;

import io.mooring.search.index.ManagedIndex;
import io.mooring.search.index.SearchReads;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.core.GetResponse;

import java.util.Map;
import java.util.Optional;

/** What the statuses index holds of one status, read by id (real time: no refresh needed). */
@Singleton
public class IndexedStatuses {
    private final OpenSearchClient client;
    private final ManagedIndex index;
    private final SearchReads reads;

    IndexedStatuses(OpenSearchClient client, @Named(StatusesIndex.NAME) ManagedIndex index, SearchReads reads) {
        this.client = client;
        this.index = index;
        this.reads = reads;
    }

    /** The author's account id of the status (or of its tombstone), empty when the index has no such status. */
    @SuppressWarnings("rawtypes")
    public Optional<String> authorOf(String source, String statusId) {
        GetResponse<Map> found = reads.read("statuses", () -> client.get(g -> g
                .index(index.alias())
                .id(StatusDocument.idOf(source, statusId))
                .sourceIncludes("accountId"), Map.class));
        if (!found.found() || found.source() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(found.source().get("accountId")).map(Object::toString);
    }
}
