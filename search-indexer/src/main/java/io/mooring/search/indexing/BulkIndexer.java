package io.mooring.search.indexing;

import io.mooring.search.opensearch.OpenSearchFailures;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.common.utils.ExponentialBackoff;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.ErrorCause;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sends operations as {@code _bulk} requests, at most {@code max-in-flight} at once, and sorts
 * every item: stored, ignored (409, a version conflict: the index holds a newer version already),
 * rejected for good (400: a mapping conflict, a malformed document), or failing (anything else:
 * 429, 5xx, an index not there yet or blocked, OpenSearch away). Only failing items are sent again, with
 * exponential backoff, for up to {@code retry-for}; what still fails then is returned as failing.
 */
@Singleton
public class BulkIndexer {
    private static final Logger LOG = LoggerFactory.getLogger(BulkIndexer.class);

    private final OpenSearchClient client;
    private final IndexingSettings settings;
    private final ExecutorService pool;

    public BulkIndexer(OpenSearchClient client, IndexingSettings settings) {
        this.client = client;
        this.settings = settings;
        this.pool = Executors.newFixedThreadPool(settings.getMaxInFlight(),
                Thread.ofPlatform().daemon().name("bulk-", 0).factory());
    }

    /** An operation and an estimate of its size in a request. */
    public record Item(BulkOperation operation, long bytes) {
    }

    /**
     * What did not get stored, by the operation's index in the list given: {@code rejected} will never
     * be, {@code failing} might be later. Both empty: everything is stored (or superseded).
     */
    public record Outcome(SortedMap<Integer, String> rejected, SortedMap<Integer, String> failing) {
        public boolean complete() {
            return rejected.isEmpty() && failing.isEmpty();
        }
    }

    public Outcome index(List<Item> items) throws InterruptedException {
        ExponentialBackoff backoff = new ExponentialBackoff(settings.getRetryInitial().toMillis(), 2,
                settings.getRetryMax().toMillis(), 0.2);
        long deadline = System.nanoTime() + settings.getRetryFor().toNanos();
        SortedMap<Integer, String> rejected = new TreeMap<>();
        SortedMap<Integer, String> failing = new TreeMap<>();
        List<Integer> pending = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            pending.add(i);
        }
        for (int attempt = 0; ; attempt++) {
            failing.clear();
            send(items, pending, rejected, failing);
            if (failing.isEmpty() || System.nanoTime() >= deadline) {
                return new Outcome(rejected, failing);
            }
            long pause = backoff.backoff(attempt);
            LOG.debug("{} of {} bulk items failing, again in {} ms: {}", failing.size(), items.size(), pause,
                    failing.get(failing.firstKey()));
            Thread.sleep(Math.min(pause, Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis())));
            pending = new ArrayList<>(failing.keySet());
        }
    }

    private void send(List<Item> items, List<Integer> pending, Map<Integer, String> rejected, Map<Integer, String> failing)
            throws InterruptedException {
        List<List<Integer>> requests = split(items, pending);
        List<Future<BulkResponse>> responses = new ArrayList<>(requests.size());
        for (List<Integer> request : requests) {
            List<BulkOperation> operations = request.stream().map(i -> items.get(i).operation()).toList();
            responses.add(pool.submit(() -> client.bulk(b -> b.operations(operations))));
        }
        for (int r = 0; r < requests.size(); r++) {
            List<Integer> request = requests.get(r);
            BulkResponse response;
            try {
                response = responses.get(r).get();
            } catch (ExecutionException e) {
                String reason = OpenSearchFailures.describe(e.getCause());
                request.forEach(i -> failing.put(i, reason));
                continue;
            }
            List<BulkResponseItem> results = response.items();
            for (int k = 0; k < request.size(); k++) {
                int i = request.get(k);
                BulkResponseItem result = k < results.size() ? results.get(k) : null;
                if (result == null) {
                    failing.put(i, "no answer for this item");
                } else if (result.error() != null) {
                    sort(i, result, rejected, failing);
                }
            }
        }
    }

    private static void sort(int i, BulkResponseItem result, Map<Integer, String> rejected, Map<Integer, String> failing) {
        int status = result.status();
        String reason = status + " " + describe(result.error());
        if (status == 409) {
            // external versioning: the index holds this version or a newer one already
            return;
        }
        if (status == 400) {
            // a mapping conflict or a malformed document: the same on every attempt
            rejected.put(i, reason);
        } else {
            // 429, 5xx, a missing index, an index block (403): not the document's fault, may pass later
            failing.put(i, reason);
        }
    }

    private static String describe(ErrorCause error) {
        String reason = error.type() + ": " + error.reason();
        ErrorCause cause = error.causedBy();
        return cause == null ? reason : reason + " (" + cause.type() + ": " + cause.reason() + ")";
    }

    /** Groups the pending items into requests of at most {@code bulk-actions} items and about {@code bulk-bytes}. */
    private List<List<Integer>> split(List<Item> items, List<Integer> pending) {
        List<List<Integer>> requests = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        long bytes = 0;
        for (int i : pending) {
            long size = items.get(i).bytes();
            if (!current.isEmpty() && (current.size() >= settings.getBulkActions() || bytes + size > settings.getBulkBytes())) {
                requests.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(i);
            bytes += size;
        }
        if (!current.isEmpty()) {
            requests.add(current);
        }
        return requests;
    }

    @PreDestroy
    void close() {
        pool.shutdownNow();
    }
}
